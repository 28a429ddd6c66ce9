"""Models for this app live here."""
