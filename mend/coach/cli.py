"""`mend coach`: the message coach from a terminal, one message or one per line from stdin."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence


def _result(text: str) -> dict[str, object]:
    from mend.engine.coach import MAX_CHARS, analyze

    if len(text) > MAX_CHARS:
        return {"text": text[:80], "error": f"longer than {MAX_CHARS} characters"}
    a = analyze(text)
    return {
        "text": text,
        "scores": {k: round(v, 4) for k, v in a.scores.items()},
        "findings": [
            {
                "kind": f.kind,
                "words": text[f.start : f.end],
                "start": f.start,
                "end": f.end,
                "explanation": f.explanation,
            }
            for f in a.findings
        ],
        "rewrite": a.rewrite,
        "crisis": a.crisis,
    }


def _print_human(result: dict[str, object]) -> None:
    if "error" in result:
        print(f"! {result['error']}")
        return
    scores = result["scores"]
    assert isinstance(scores, dict)
    print(f"> {result['text']}")
    print("  " + "  ".join(f"{k} {v:.2f}" for k, v in scores.items()))
    if result["crisis"]:
        print(
            "  This sounds like someone may be in danger. Please contact local emergency services or a crisis line now."
        )
        return
    findings = result["findings"]
    assert isinstance(findings, list)
    for finding in findings:
        print(f"  - {finding['kind']}: “{finding['words']}” — {finding['explanation']}")
    if result["rewrite"]:
        print(f"  Calmer: {result['rewrite']}")


def cmd_coach(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="mend coach", description="Check a message before you send it.")
    parser.add_argument("text", nargs="?", help="the message; omit to read one message per line from stdin")
    parser.add_argument(
        "--json", action="store_true", help="print JSON (one object per line for stdin input)"
    )
    args = parser.parse_args(argv)
    texts = (
        [args.text] if args.text is not None else [line.rstrip("\n") for line in sys.stdin if line.strip()]
    )
    status = 0
    for text in texts:
        result = _result(text)
        if "error" in result:
            status = 2
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            _print_human(result)
    return status
