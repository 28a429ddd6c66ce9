"""Quality evaluation and offline training for the message coach (`python -m eval.run`)."""
