"""Message coach speed against VADER on the same 2,000 dev texts, in one process (`make bench`).

Also measures import + first call of the coach in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys
import time

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


def main() -> None:
    texts = [e.text for e in goemotions()][:N]
    first = [float(subprocess.check_output([sys.executable, "-c", FIRST_CALL])) for _ in range(3)]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from mend.engine.coach import _model, _rules, analyze

    vader = SentimentIntensityAnalyzer()
    analyze("warm up")
    vader.polarity_scores("warm up")
    mend_rates, vader_rates = [], []
    for _ in range(3):
        analyze.cache_clear()  # every text is scored afresh, no memoised results
        mend_rates.append(rate(analyze, texts))
        vader_rates.append(rate(vader.polarity_scores, texts))
    m, v = max(mend_rates), max(vader_rates)
    # where analyze's time goes (rule findings; model scores without findings)
    find_rate = max(rate(_rules.find, texts) for _ in range(3))
    score_rate = max(rate(lambda t: _model.scores(t, ()), texts) for _ in range(3))
    print(f"texts: {len(texts)} GoEmotions dev messages, best of 3 runs, one process, one core")
    print(f"mend analyze:          {m:8.0f} msgs/s")
    print(f"vader polarity_scores: {v:8.0f} msgs/s")
    print(f"ratio mend/vader:      {m / v:8.2f}   (target >= 1.0)")
    print(f"  of which rules:      {1e6 / find_rate:8.1f} us/msg; model scores {1e6 / score_rate:.1f} us/msg")
    print(
        f"import + first call:   {1000 * min(first):8.0f} ms   (target < 300 ms, best of 3 fresh processes)"
    )


if __name__ == "__main__":
    main()
