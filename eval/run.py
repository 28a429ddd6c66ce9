"""Print the message coach's quality figures on the shared dev data (`make eval`).

The shipped model was trained on these same dev texts (hostility also on the GoEmotions train
split), so its figures here are optimistic; the cross-validated figures (recorded by
eval/train_coach.py when it trained the weights, and measured on dev rows left out of each fold)
are the honest estimate for unseen data of the same kind.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sklearn.metrics import f1_score, roc_auc_score
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from eval.data import conversations, goemotions, reframing_sources, tsv
from mend.engine.coach import analyze, escalation_risk, rewrites
from mend.engine.coach._data import json_file

CASES = Path(__file__).resolve().parents[1] / "tests" / "engine" / "cases"
_WORD = re.compile(r"[a-z']+")
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "she",
        "it",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
        "just",
        "very",
        "really",
        "too",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "all",
        "any",
        "some",
        "than",
        "then",
        "also",
        "its",
        "it's",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "don't",
        "didn't",
        "can't",
        "won't",
        "get",
        "got",
        "go",
        "going",
        "like",
        "about",
        "up",
        "out",
        "over",
        "more",
        "most",
        "much",
    ]
)


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 2}


def _row(name: str, value: str, target: str = "") -> None:
    print(f"  {name:44s} {value:>10s}   {target}")


def task_a(vader: SentimentIntensityAnalyzer) -> None:
    rows = [e for e in goemotions() if e.hostility is not None]
    y = [e.hostility for e in rows]
    ours = [analyze(e.text).scores["hostility"] for e in rows]
    v = [-vader.polarity_scores(e.text)["compound"] for e in rows]
    tb = [-TextBlob(e.text).sentiment.polarity for e in rows]
    cv = json_file("model.json")["cross_validated"]["hostility"]
    print(f"Task A — hostility (GoEmotions dev, {len(rows)} texts, {sum(y)} hostile)")
    _row("mend ROC AUC, 5-fold cross-validated", f"{cv['auc']:.3f}", "target >= 0.88")
    _row("mend F1 @0.5, 5-fold cross-validated", f"{cv['f1']:.3f}")
    _row("mend ROC AUC, shipped (trained on dev+train)", f"{roc_auc_score(y, ours):.3f}")
    _row("mend F1 @0.5, shipped (trained on dev+train)", f"{f1_score(y, [s >= 0.5 for s in ours]):.3f}")
    _row("VADER ROC AUC (-compound)", f"{roc_auc_score(y, v):.3f}", "peer")
    _row("TextBlob ROC AUC (-polarity)", f"{roc_auc_score(y, tb):.3f}", "peer")
    # the secondary A check of PROVENANCE.md: impolite (bottom quartile) vs polite requests
    requests = [r for r in tsv("politeness_dev.tsv") if r["label"] in ("impolite", "polite")]
    print(f"  Politeness dev requests, impolite vs polite ({len(requests)} texts; not trained on)")
    for community in ("wikipedia", "stackexchange"):
        part = [r for r in requests if r["community"] == community]
        y = [int(r["label"] == "impolite") for r in part]
        ours = [analyze(r["text"]).scores["hostility"] for r in part]
        v = [-vader.polarity_scores(r["text"])["compound"] for r in part]
        _row(
            f"{community}: mend ROC AUC / VADER peer",
            f"{roc_auc_score(y, ours):.3f} / {roc_auc_score(y, v):.3f}",
        )


def task_b() -> None:
    rows = goemotions()
    analyses = [analyze(e.text) for e in rows]
    cv = json_file("model.json")["cross_validated"]
    print(f"Task B — appreciation and apology (GoEmotions dev, {len(rows)} texts)")
    for task, label, target in (
        ("appreciation", "gratitude", "target >= 0.90"),
        ("apology", "remorse", "target >= 0.65"),
    ):
        y = [int(label in e.labels) for e in rows]
        s = [a.scores[task] for a in analyses]
        _row(f"{label} F1 @0.5, 5-fold cross-validated", f"{cv[task]['f1']:.3f}", target)
        _row(f"{label} ROC AUC, 5-fold cross-validated", f"{cv[task]['auc']:.3f}")
        _row(f"{label} F1 @0.5, shipped model", f"{f1_score(y, [x >= 0.5 for x in s]):.3f}")
        _row(f"{label} ROC AUC, shipped model", f"{roc_auc_score(y, s):.3f}")


def task_c() -> None:
    from eval import train_escalation

    convs = conversations()
    y = [d for _, d in convs]
    risk = [escalation_risk(ctx) for ctx, _ in convs]
    threshold = float((json_file("escalation.json") or {}).get("threshold", 0.5))
    acc = sum(int((r >= threshold) == bool(d)) for r, d in zip(risk, y, strict=True)) / len(y)
    cv = train_escalation.cross_validate(*train_escalation.dataset())
    folds = f"{train_escalation.FOLDS}-fold x {train_escalation.REPEATS} cross-validated"
    print(f"Task C — escalation forecasting (CGA dev, {len(y)} conversations, {sum(y)} derailed)")
    _row(
        f"accuracy @{threshold:g}, {folds}", f"{cv.accuracy:.3f} (sd {cv.accuracy_sd:.3f})", "target >= 0.62"
    )
    _row(f"ROC AUC, {folds}", f"{cv.auc:.3f} (sd {cv.auc_sd:.3f})", "target >= 0.65")
    _row(f"accuracy @{threshold:g}, shipped model (trained on dev)", f"{acc:.3f}")
    _row("ROC AUC, shipped model (trained on dev)", f"{roc_auc_score(y, risk):.3f}")


def _similarity() -> Callable[[str, str], float] | None:
    """Cosine similarity in WordLlama ``l2_supercat`` 256-d, the metric PROVENANCE.md names.

    Its weights and tokenizer ship inside the ``wordllama`` wheel (a dev dependency); they are
    loaded from there with downloads disabled. None when the package is not installed.
    """
    try:
        import wordllama
    except ImportError:
        return None
    root = Path(wordllama.__file__).resolve().parent
    model = wordllama.WordLlama.load(cache_dir=root, disable_download=True)
    return lambda a, b: float(model.similarity(a, b))


def task_d(vader: SentimentIntensityAnalyzer) -> None:
    sources = reframing_sources()
    references = [r["reframed_text"] for r in tsv("positive_frames_dev.tsv")]
    similarity = _similarity()
    ours_sim, ref_sim, ref_deltas = [], [], []
    deltas, overlaps, hostile, rose, empty, crisis = [], [], 0, 0, 0, 0
    for src, ref in zip(sources, references, strict=True):
        options = rewrites(src)
        if not options:
            empty += 1
            crisis += int(analyze(src).crisis)
            out = src
        else:
            out = options[0]
            hostile += int(analyze(out).scores["hostility"] >= 0.5)
        d = vader.polarity_scores(out)["compound"] - vader.polarity_scores(src)["compound"]
        deltas.append(d)
        rose += int(d > 0)
        words = _content(src)
        if words:
            overlaps.append(len(words & _content(out)) / len(words))
        ref_deltas.append(vader.polarity_scores(ref)["compound"] - vader.polarity_scores(src)["compound"])
        if similarity is not None:
            ours_sim.append(similarity(src, out))
            ref_sim.append(similarity(src, ref))
    n = len(sources)
    print(f"Task D — calm rewrites of positive_frames_dev sources ({n} texts)")
    _row("rewrites with hostility >= 0.5", f"{hostile}", "target 0")
    _row("sources without a rewrite: crisis / none calm", f"{crisis} / {empty - crisis}", "scored unchanged")
    _row("mean VADER compound rise", f"{statistics.mean(deltas):+.3f}", "target >= +0.30")
    _row("rows where VADER compound rose", f"{100 * rose / n:.1f} %")
    _row("topic words kept (source content words)", f"{100 * statistics.mean(overlaps):.1f} %")
    if ours_sim:
        _row("mean similarity to the source (WordLlama)", f"{statistics.mean(ours_sim):.3f}")
    ref_rose = 100 * sum(d > 0 for d in ref_deltas) / n
    ref_figures = f"{statistics.mean(ref_deltas):+.3f} / {ref_rose:.1f} %"
    if ref_sim:
        ref_figures += f" / {statistics.mean(ref_sim):.3f}"
    _row("human reference: rise / rose / similarity", ref_figures, "anchor")


def crisis_recall() -> None:
    cases = json.loads((CASES / "crisis.json").read_text(encoding="utf-8"))
    hits = sum(analyze(c["text"]).crisis for c in cases)
    print("Crisis language (tests/engine/cases/crisis.json)")
    _row("recall", f"{hits}/{len(cases)}")


def main() -> None:
    started = time.perf_counter()
    vader = SentimentIntensityAnalyzer()
    task_a(vader)
    task_b()
    task_c()
    task_d(vader)
    crisis_recall()
    print(f"(evaluated in {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
