"""Message coach speed against VADER on the same 2,000 dev texts, in one process (`make bench`).

Also measures import + first call of the coach in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

from eval.data import goemotions

N = 2000
FIRST_CALL = (
    "import time; t = time.perf_counter(); "
    "from mend.engine.coach import analyze; analyze('You never listen to me. Whatever.'); "
    "print(time.perf_counter() - t)"
)


def rate(fn: object, texts: list[str]) -> float:
    call = fn  # keep the loop free of attribute look-ups
    started = time.perf_counter()
    for text in texts:
        call(text)  # type: ignore[operator]
    return len(texts) / (time.perf_counter() - started)


def per_call(fn: Callable[..., object], calls: list[tuple[object, ...]]) -> float:
    """Microseconds per call of ``fn`` over the argument tuples."""
    started = time.perf_counter()
    for args in calls:
        fn(*args)
    return (time.perf_counter() - started) / len(calls) * 1e6


def main() -> None:
    texts = [e.text for e in goemotions()][:N]
    first = [float(subprocess.check_output([sys.executable, "-c", FIRST_CALL])) for _ in range(3)]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from mend.engine.coach import _model, _rules, analyze
    from mend.engine.coach._features import normalize

    vader = SentimentIntensityAnalyzer()
    analyze("warm up")
    vader.polarity_scores("warm up")
    mend_rates, vader_rates = [], []
    for _ in range(3):
        mend_rates.append(rate(analyze, texts))
        vader_rates.append(rate(vader.polarity_scores, texts))
    m, v = max(mend_rates), max(vader_rates)
    # where analyze's time goes: one pass over the words (model sums and the rules' masks), then
    # the rules that pass their masks
    model = _model.model()
    assert model is not None, "the coach's model.json is missing"
    normal = [normalize(t) for t in texts]
    masks = [_model.scan(model, lowered)[3] for _, lowered in normal]
    scan_args = [(model, lowered) for _, lowered in normal]
    find_args = [(t, f, lo, p) for t, (f, lo), p in zip(texts, normal, masks, strict=True)]
    scan_us = min(per_call(_model.scan, scan_args) for _ in range(3))
    rules_us = min(per_call(_rules.find_in, find_args) for _ in range(3))
    print(f"texts: {len(texts)} GoEmotions dev messages, best of 3 runs, one process, one core")
    print(f"mend analyze:          {m:8.0f} msgs/s")
    print(f"vader polarity_scores: {v:8.0f} msgs/s")
    print(f"ratio mend/vader:      {m / v:8.2f}   (target >= 1.0)")
    print(f"  of which word pass:  {scan_us:8.1f} us/msg; rules {rules_us:.1f} us/msg")
    print(
        f"import + first call:   {1000 * min(first):8.0f} ms   (target < 300 ms, best of 3 fresh processes)"
    )


if __name__ == "__main__":
    main()
