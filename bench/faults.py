"""Fault run: what users see when PostgreSQL stops under load and comes back, and bad requests.

    python -m bench.faults [--down 8] [--users 10] [--cluster 15/main] [--no-outage]

Starts gunicorn with production settings on its own database `mend_faults` (set up, and dropped at
the end, exactly as bench.load does), then:
  1. live checks against the real server: the same form sent twice at once (one record), both
     partners submitting the weekly check-in at the same instant (both answers kept, revealed once),
     invalid UTF-8 in a form and in the API (4xx), a 3 MB body (4xx, server still answers);
  2. unless --no-outage: `--users` signed-in users save coach drafts, send appreciations, open the
     dashboard and call the API without pause; after a few seconds the PostgreSQL cluster is
     stopped (`pg_ctlcluster ... stop -m fast`), kept down `--down` seconds, and started again. The
     app is not restarted. It prints the answers per phase (before / down / after), whether every
     503 was the calm page (HTML) or JSON (API), the time from PostgreSQL accepting connections
     again to the first successful answer, and compares every write's answer with the database:
     a save answered 302 must be stored exactly once, one answered 503 must not be stored at all.

CAUTION: stopping the cluster cuts off everyone else using it; the cluster is always started again
(also on Ctrl-C or failure) and the script waits until `pg_isready` answers. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import CPUS, PG_URL, Client, Server, email, pg_connection

PHASES = ("before", "down", "after")


def default_cluster() -> str:
    versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else ["15"]
    return f"{versions[0]}/main"


def pg_ready(pg_url: str) -> bool:
    probe = ["pg_isready", "-q", "-t", "1", *pg_connection(pg_url)]
    return subprocess.run(probe, check=False).returncode == 0


def cluster(name: str, action: str) -> None:
    version, cluster_name = name.split("/", 1)
    extra = ["-m", "fast"] if action == "stop" else []
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster_name, action, *extra],
        check=True,
        capture_output=True,
    )


# --------------------------------------------------------------------------- live checks


def live_checks(server: Server, first: int) -> list[tuple[str, bool, str]]:
    """Non-destructive checks with users `first` and `first + 1` (a linked pair)."""
    results: list[tuple[str, bool, str]] = []
    a, b = Client(server.port), Client(server.port)
    if not (a.login(email(first)) and b.login(email(first + 1))):
        return [("sign in for the live checks", False, "could not sign in")]

    # the same form twice at the same moment (a double click): one record
    text = f"double submit {uuid.uuid4().hex}"
    twin = Client(server.port)
    twin.cookies = dict(a.cookies)
    statuses: list[int] = []
    gate = threading.Barrier(2)

    def send(client: Client) -> None:
        gate.wait()
        statuses.append(client.request("POST", "/coach/drafts/", {"text": text})[0])

    pair = [threading.Thread(target=send, args=(c,)) for c in (a, twin)]
    for thread in pair:
        thread.start()
    for thread in pair:
        thread.join()
    stored = int(
        server.python(
            "import django; django.setup(); from mend.coach.models import SavedDraft; "
            f"print(sum(d.text == {text!r} for d in SavedDraft.objects.all()))"
        )
    )
    results.append(
        (
            "same draft sent twice at once",
            stored == 1 and all(s < 500 for s in statuses),
            f"answers {sorted(statuses)}, stored {stored} ({server.workers} workers; cache "
            f"{server.env.get('CACHE_URL') or 'the production default, dbcache://mend_cache'})",
        )
    )

    # both partners submit the weekly check-in at the same instant
    answers: dict[str, int] = {}

    def submit(name: str, client: Client) -> None:
        gate.wait()
        form = {
            "went_well": f"{name}: the walk on Sunday",
            "felt_hard": "",
            "improve": "",
            "closeness": "6",
            "stress": "4",
            "actions": "",
            "submit": "1",
        }
        answers[name] = client.request("POST", "/rituals/", form)[0]

    pair = [threading.Thread(target=submit, args=(n, c)) for n, c in (("first", a), ("second", b))]
    for thread in pair:
        thread.start()
    for thread in pair:
        thread.join()
    week = json.loads(
        server.python(
            "import django, json; django.setup(); from mend.rituals.models import CheckinAnswer; "
            f"rows = CheckinAnswer.objects.filter(owner__email__in=[{email(first)!r}, {email(first + 1)!r}]); "
            "print(json.dumps({'answers': rows.count(), 'submitted': rows.filter(submitted_at__isnull=False).count(), "
            "'weeks': len({r.week_id for r in rows}), 'revealed': sum(r.week.revealed_at is not None for r in rows)}))"
        )
    )
    pages = [a.request("GET", "/rituals/")[0], b.request("GET", "/rituals/")[0]]
    results.append(
        (
            "both partners submit the check-in at once",
            week == {"answers": 2, "submitted": 2, "weeks": 1, "revealed": 2}
            and set(answers.values()) == {302}
            and pages == [200, 200],
            f"answers {answers}, then pages {pages}; stored {week}",
        )
    )

    # invalid UTF-8, in a form and in the API
    form = a.request(
        "POST",
        "/coach/",
        body=b"csrfmiddlewaretoken=" + a.cookies.get("csrftoken", "").encode() + b"&text=%FF%FEbad",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )[0]
    api = a.request(
        "PATCH",
        "/api/v1/me",
        body=b'{"display_name": "\xff\xfe"}',
        headers={"Content-Type": "application/json", "X-CSRFToken": a.cookies.get("csrftoken", "")},
    )[0]
    results.append(
        (
            "invalid UTF-8 in a form and in the API",
            0 < form < 500 and 400 <= api < 500,
            f"form {form}, API {api}",
        )
    )

    # a 3 MB body
    huge = a.request("POST", "/coach/", {"text": "x" * (3 * 1024 * 1024)})[0]
    after = Client(server.port).request("GET", "/healthz")[0]
    results.append(
        ("3 MB form body", 400 <= huge < 500 and after == 200, f"answer {huge}, /healthz then {after}")
    )
    return results


# --------------------------------------------------------------------------- the outage


@dataclass
class Outage:
    started: float = field(default_factory=time.monotonic)
    stop_at: float | None = None
    up_at: float | None = None
    # time, kind, status, answer: "ok" (the page's normal answer), "503" (calm), "503 unclean", "other"
    entries: list[tuple[float, str, int, str]] = field(default_factory=list)
    writes: dict[str, tuple[str, str]] = field(default_factory=dict)  # token -> (kind, answer)
    signed_in: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def phase(self, at: float) -> str:
        if self.stop_at is None or at < self.stop_at:
            return "before"
        if self.up_at is None or at < self.up_at:
            return "down"
        return "after"

    def add(self, kind: str, answer: tuple[int, str, str], token: str = "") -> None:
        status, body, location = answer
        if status == 503:
            clean = '"detail"' in body if kind == "api" else "briefly unavailable" in body
            outcome = "503" if clean else "503 unclean"
        elif token:  # a form: saved means redirected back to the page, not to the sign-in page
            outcome = "ok" if status == 302 and "login" not in location else "other"
        else:
            outcome = "ok" if status == 200 else "other"
        with self.lock:
            self.entries.append((time.monotonic(), kind, status, outcome))
            if token:
                self.writes[token] = (kind, outcome)


def outage_user(outage: Outage, port: int, index: int, stop: threading.Event) -> None:
    client = Client(port)
    while not client.login(email(index)):
        if stop.is_set():
            return
        time.sleep(0.5)
    with outage.lock:
        outage.signed_in += 1
    n = 0
    while not stop.is_set():
        n += 1
        token = f"fault-run {index}-{n}-{uuid.uuid4().hex[:8]}"
        outage.add("write", client.request("POST", "/coach/drafts/", {"text": f"{token} draft"}), token)
        outage.add("page", client.request("GET", "/dashboard/"))
        token = f"fault-run {index}-{n}-{uuid.uuid4().hex[:8]}"
        form = {"text": f"{token} note", "send": "1"}
        outage.add("send", client.request("POST", "/trust/appreciations/", form), token)
        outage.add("api", client.request("GET", "/api/v1/couple"))
        time.sleep(0.05)


def run_outage(server: Server, users: int, down: float, cluster_name: str) -> Outage:
    outage = Outage()
    stop = threading.Event()
    threads = [
        threading.Thread(target=outage_user, args=(outage, server.port, i, stop), daemon=True)
        for i in range(users)
    ]
    for thread in threads:
        thread.start()
    stopped = False
    try:
        deadline = time.monotonic() + 60
        while outage.signed_in < users and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(4)  # a few seconds of normal traffic first
        print(f"stopping PostgreSQL cluster {cluster_name} for {down:g} s", flush=True)
        outage.stop_at = time.monotonic()
        stopped = True
        cluster(cluster_name, "stop")
        time.sleep(down)
    finally:
        if stopped:
            try:
                cluster(cluster_name, "start")
            finally:
                deadline = time.monotonic() + 60
                while not pg_ready(server.pg_url) and time.monotonic() < deadline:
                    time.sleep(0.2)
                outage.up_at = time.monotonic()
                print(
                    f"PostgreSQL started again; pg_isready: {'accepting' if pg_ready(server.pg_url) else 'NOT READY'}",
                    flush=True,
                )
    try:
        time.sleep(10)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=35)
    return outage


def stored_writes(server: Server) -> dict[str, list[str]]:
    """token -> what the database holds for it: 'draft', 'sent', 'unsent' (one item per row)."""
    code = """
import django, json; django.setup()
from mend.coach.models import SavedDraft
from mend.trust.models import Appreciation
found = {}
for d in SavedDraft.objects.all():
    if d.text.startswith("fault-run "):
        found.setdefault(d.text[:-len(" draft")], []).append("draft")
for a in Appreciation.objects.all():
    if a.text.startswith("fault-run "):
        found.setdefault(a.text[:-len(" note")], []).append("sent" if a.sent_at else "unsent")
print(json.dumps(found))
"""
    return dict(json.loads(server.python(code)))


def report_outage(outage: Outage, stored: dict[str, list[str]]) -> None:
    assert outage.stop_at is not None and outage.up_at is not None
    counts: dict[str, Counter[str]] = {phase: Counter() for phase in PHASES}
    for at, _kind, _status, outcome in outage.entries:
        counts[outage.phase(at)][outcome] += 1
    for phase in PHASES:
        c = counts[phase]
        print(
            f"  {phase:<7} normal answer (200, or 302 after a save): {c['ok']:5d}   503: {c['503']:5d}   "
            f"other: {c['other'] + c['503 unclean']:4d}"
        )
    others = Counter(status for _at, _k, status, outcome in outage.entries if outcome == "other")
    if others:
        print(f"  other answers by status: {dict(others)} (0 = no answer: refused, reset or timed out)")
    unclean = sum(outcome == "503 unclean" for *_rest, outcome in outage.entries)
    print(f"  503 answers that were not the calm page (HTML) or JSON (API): {unclean}")
    down_for = outage.up_at - outage.stop_at
    first_503 = next((at for at, _k, _s, o in outage.entries if at >= outage.stop_at and o == "503"), None)
    first_ok = next((at for at, _k, _s, o in outage.entries if at >= outage.up_at and o == "ok"), None)
    last_bad = max((at for at, _k, _s, o in outage.entries if at >= outage.up_at and o != "ok"), default=None)
    print(f"  PostgreSQL down for {down_for:.1f} s (from the stop command to pg_isready accepting again)")
    if first_503 is not None:
        print(f"  first 503 {first_503 - outage.stop_at:.2f} s after the stop command")
    print(
        "  recovery without restarting the app: "
        + (
            f"first normal answer {first_ok - outage.up_at:.2f} s after PostgreSQL accepted connections"
            if first_ok is not None
            else "NO normal answer after the restart"
        )
        + (
            f"; last other answer {last_bad - outage.up_at:.2f} s after"
            if last_bad is not None
            else "; every answer after it normal"
        )
    )
    for kind, ok_state in (("write", "draft"), ("send", "sent")):
        mine = {t: o for t, (k, o) in outage.writes.items() if k == kind}
        saved = [t for t, o in mine.items() if o == "ok"]
        refused = [t for t, o in mine.items() if o.startswith("503")]
        unknown = [t for t, o in mine.items() if o == "other"]
        lost = [t for t in saved if stored.get(t) != [ok_state]]
        refused_but_stored = [t for t in refused if stored.get(t)]
        partial = [t for t in mine if stored.get(t) and stored[t] != [ok_state]]
        label = "coach drafts saved" if kind == "write" else "appreciations sent"
        print(
            f"  {label}: {len(saved)} confirmed, all stored exactly once: {'yes' if not lost else 'NO'}"
            f" ({len(lost)} missing or doubled); {len(refused)} refused with 503, stored anyway: "
            f"{len(refused_but_stored)}; stored half-done: {len(partial)}; "
            f"{len(unknown)} other answers, of which stored: {sum(bool(stored.get(t)) for t in unknown)}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--down", type=float, default=8, help="seconds PostgreSQL stays stopped (default 8)")
    parser.add_argument("--users", type=int, default=10, help="users during the outage (default 10)")
    parser.add_argument("--workers", type=int, default=2 * CPUS + 1)
    parser.add_argument("--cluster", default=default_cluster(), help="VERSION/NAME for pg_ctlcluster")
    parser.add_argument("--pg-url", default=PG_URL, help="that cluster's address, trust auth")
    parser.add_argument("--db-name", default="mend_faults", help="created and dropped by the run")
    parser.add_argument("--no-outage", action="store_true", help="only the live checks; PostgreSQL stays up")
    args = parser.parse_args()
    if not 0 < args.down <= 20:
        parser.error("--down must be between 0 and 20 seconds")
    users = args.users + args.users % 2  # whole couples, then one more couple for the live checks
    server = Server(
        db_name=args.db_name, users=users + 2, workers=args.workers, pg_url=args.pg_url.rstrip("/")
    )
    print(f"mend fault run: {args.users} users, {CPUS} cores", flush=True)
    try:
        with server.running():
            print(f"server: {server.description}", flush=True)
            print("live checks:")
            for name, ok, detail in live_checks(server, users):
                print(f"  {'ok  ' if ok else 'FAIL'} {name}: {detail}")
            if args.no_outage:
                print("outage skipped (--no-outage)")
                return 0
            outage = run_outage(server, args.users, args.down, args.cluster)
            print("answers per phase (phase by the time the answer arrived):")
            report_outage(outage, stored_writes(server))
    except KeyboardInterrupt:
        print("interrupted: PostgreSQL started again if it was stopped, gunicorn stopped, database dropped")
        return 130
    finally:
        if not pg_ready(server.pg_url):
            print("WARNING: PostgreSQL is not accepting connections; start it with pg_ctlcluster")
    if server.log_errors:
        print(
            f"server log: {len(server.log_errors)} errors (500s, worker failures), first: {server.log_errors[0][:200]}"
        )
    print("more fault cases (database errors, double clicks, bad input) run in tests/web/test_faults.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
