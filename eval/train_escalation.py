"""Train the message coach's conversation escalation model (task C) and write escalation.json.

Input: shared/data/cga_dev.jsonl, the Conversations Gone Awry (CGA-WIKI) dev half (Zhang et al.
2018; Wikipedia talk pages, CC BY-SA): every comment before the last one, and whether the
conversation ended in a personal attack. Features come from the engine's own code
(mend.engine.coach._escalation.features) with the cue word lists below, so the shipped weights score
run-time text exactly as in training. The word lists were written by hand from the politeness and
derailment literature, not picked from this data.

Model: standardised features, L2 logistic regression with a fixed, strong penalty (C below); the
standardisation is folded into the shipped weights. The honest figure is repeated stratified
cross-validation (10 folds x 5 repeats, accuracy at the 0.5 threshold and ROC AUC), recorded in the
file and reprinted by ``python -m eval.run``. Deterministic: same data, same file.

    .venv/bin/python -m eval.train_escalation           # cross-validate, then write the weights
    .venv/bin/python -m eval.train_escalation --check   # cross-validate only
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from eval.data import conversations
from mend.engine.coach._data import DATA_DIR
from mend.engine.coach._escalation import FEATURES, features

C = 0.01
FOLDS = 10
REPEATS = 5
SEED = 0
THRESHOLD = 0.5
PATH = DATA_DIR / "escalation.json"
LEXICON_PATH = DATA_DIR / "escalation_lexicon.json"

LEXICON: dict[str, list[str]] = {
    "gratitude": ["thanks", "thank", "appreciate", "appreciated", "grateful", "thx"],
    "greeting": ["hi", "hello", "hey", "greetings", "dear"],
    "apology": ["sorry", "apologize", "apologise", "apologies", "apology", "oops", "forgive"],
    "please": ["please", "pls"],
    "please_start": ["please", "pls"],
    "hedge": [
        "think", "believe", "suggest", "maybe", "perhaps", "possibly", "probably", "seem", "seems",
        "appear", "appears", "guess", "might", "likely", "suppose", "somewhat", "fairly", "unclear",
        "assume", "presumably",
    ],
    "factual": [
        "actually", "fact", "clearly", "obviously", "really", "truth", "reality", "simply",
        "certainly", "definitely", "indeed", "plainly", "surely",
    ],
    "swear": [
        "fuck", "fucking", "fucked", "shit", "shitty", "damn", "damned", "hell", "crap", "crappy",
        "ass", "asshole", "bastard", "bullshit", "bitch", "dick", "piss", "pissed", "wtf",
        "goddamn", "screw", "sucks", "suck",
    ],
    "insult": [
        "idiot", "idiots", "idiotic", "stupid", "stupidity", "moron", "morons", "moronic", "fool",
        "fools", "foolish", "pathetic", "ignorant", "ignorance", "liar", "liars", "lying", "lie",
        "lies", "troll", "trolls", "trolling", "incompetent", "dumb", "retard", "retarded",
        "ridiculous", "absurd", "nonsense", "childish", "silly", "clown", "loser", "arrogant",
        "hypocrite", "hypocrisy", "disgusting", "disgrace", "shame", "shameful", "vandal", "vandals",
        "vandalism", "racist", "bigot", "bigoted", "biased", "bias", "pov", "propaganda",
        "censorship", "censor", "harass", "harassment", "harassing", "attack", "attacks",
        "attacking", "threat", "threats", "rude", "insult", "insulting", "insults", "abuse",
        "abusive", "joke", "laughable", "garbage", "rubbish", "obsessed", "agenda", "bad", "faith",
        "sock", "sockpuppet", "puppet",
    ],
    "negation": [
        "not", "no", "never", "nothing", "nobody", "none", "don't", "doesn't", "isn't", "aren't",
        "wasn't", "weren't", "can't", "won't", "didn't", "haven't", "hasn't", "shouldn't",
        "wouldn't", "couldn't", "cannot",
    ],
    "positive": [
        "good", "great", "nice", "agree", "agreed", "fine", "ok", "okay", "helpful", "useful",
        "interesting", "glad", "happy", "welcome", "cool", "excellent", "fair", "right", "correct",
        "yes", "sure", "love", "like", "hope", "best", "better",
    ],
    "admin": [
        "block", "blocked", "blocking", "ban", "banned", "report", "reported", "warn", "warning",
        "warned", "3rr", "revert", "reverted", "reverting", "reverts", "undo", "undid", "edit",
        "war", "warring", "ani", "admin", "administrator", "arbcom", "policy", "wp", "npov", "rs",
        "or", "consensus", "sources", "source", "cite", "citation",
    ],
    "you": ["you", "your", "you're", "yours", "yourself", "u", "ur", "you've", "you'll", "you'd"],
    "i": ["i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"],
    "we": ["we", "our", "us", "ours", "we're", "let's"],
    "direct_start": ["so", "then", "and", "but", "or", "well", "now", "look", "listen", "again"],
    "question_word": ["what", "why", "who", "how", "where", "when", "which"],
}  # fmt: skip


@dataclass(frozen=True)
class CrossValidated:
    accuracy: float
    auc: float
    accuracy_sd: float
    auc_sd: float


def dataset() -> tuple[np.ndarray, np.ndarray]:
    lexicon = {name: frozenset(words) for name, words in LEXICON.items()}
    convs = conversations()
    rows = [features(ctx, lexicon) for ctx, _ in convs]
    x = np.array([[row[f] for f in FEATURES] for row in rows])
    y = np.array([int(d) for _, d in convs])
    return x, y


def _pipeline() -> object:
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000))


def cross_validate(x: np.ndarray, y: np.ndarray) -> CrossValidated:
    """Repeated stratified k-fold: each repeat predicts every conversation once, out of fold."""
    probs = np.zeros((REPEATS, len(y)))
    splits = RepeatedStratifiedKFold(n_splits=FOLDS, n_repeats=REPEATS, random_state=SEED)
    for i, (train, test) in enumerate(splits.split(x, y)):
        fitted = _pipeline().fit(x[train], y[train])  # type: ignore[attr-defined]
        probs[i // FOLDS, test] = fitted.predict_proba(x[test])[:, 1]
    accs = [float(((p >= THRESHOLD) == y).mean()) for p in probs]
    aucs = [float(roc_auc_score(y, p)) for p in probs]
    return CrossValidated(
        accuracy=float(np.mean(accs)),
        auc=float(np.mean(aucs)),
        accuracy_sd=float(np.std(accs)),
        auc_sd=float(np.std(aucs)),
    )


def train(x: np.ndarray, y: np.ndarray, cv: CrossValidated) -> dict[str, object]:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=C, max_iter=5000).fit(scaler.transform(x), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    coef = model.coef_[0] / scale
    bias = float(model.intercept_[0] - np.dot(coef, scaler.mean_))
    return {
        "_source": (
            "Trained by eval/train_escalation.py on the Conversations Gone Awry (CGA-WIKI) dev half "
            "(Zhang et al. 2018; Wikipedia talk pages, CC BY-SA): derailed vs not, from the comments "
            "before the last one. Cue word lists: escalation_lexicon.json."
        ),
        "model": f"standardised L2 logistic regression, C={C}, folded into weights",
        "threshold": THRESHOLD,
        "cross_validated": {
            "folds": FOLDS,
            "repeats": REPEATS,
            "accuracy": round(cv.accuracy, 4),
            "auc": round(cv.auc, 4),
            "accuracy_sd": round(cv.accuracy_sd, 4),
            "auc_sd": round(cv.auc_sd, 4),
        },
        "bias": round(bias, 6),
        "weights": {f: round(float(w), 6) for f, w in zip(FEATURES, coef, strict=True) if w != 0.0},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="cross-validate only, write nothing")
    args = parser.parse_args(argv)
    x, y = dataset()
    cv = cross_validate(x, y)
    print(
        f"escalation  {FOLDS}-fold x {REPEATS} CV  accuracy@{THRESHOLD} {cv.accuracy:.3f} (sd {cv.accuracy_sd:.3f})"
        f"  AUC {cv.auc:.3f} (sd {cv.auc_sd:.3f})"
    )
    if args.check:
        return
    out = train(x, y, cv)
    lexicon = {
        "_source": "Cue word lists for the escalation model, hand-written in eval/train_escalation.py.",
        "lexicon": LEXICON,
    }
    LEXICON_PATH.write_text(json.dumps(lexicon, indent=1) + "\n", encoding="utf-8")
    PATH.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PATH} and {LEXICON_PATH.name}")


if __name__ == "__main__":
    main()
