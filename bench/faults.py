"""Fault run: stop PostgreSQL under load, start it again, and report what users saw.

    python -m bench.faults [--seconds-down 8]

Starts gunicorn on the local `mend_bench` database (prepared as in bench.load), runs 10 users who
save coach drafts and open the dashboard, stops the PostgreSQL cluster for a few seconds, starts it
again, and prints: status counts before/while down/after, whether any 5xx other than 503 appeared,
whether the app answered again without a restart, and whether the saved drafts match the
successful saves (no partial or lost writes). Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter

from bench.load import HOST, PORT, ROOT, Session, _env, prepare

CLUSTER = [
    "pg_ctlcluster",
    "--skip-systemctl-redirect",
    sorted(os.listdir("/etc/postgresql"))[-1] if os.path.isdir("/etc/postgresql") else "15",
    "main",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds-down", type=float, default=8)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/mend_bench")
    args = parser.parse_args()
    prepare(args.database_url, 10)
    env = _env(args.database_url)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"{HOST}:{PORT}",
            "-w",
            "2",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    phase = ["before"]
    counts: dict[str, Counter[int]] = {"before": Counter(), "down": Counter(), "after": Counter()}
    saved_ok: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def user(index: int) -> None:
        session = Session()
        while not session.login(f"bench{index}@example.com"):
            time.sleep(0.5)
        n = 0
        while not stop.is_set():
            n += 1
            text = f"fault-run user {index} draft {n} {time.time_ns()}"
            status, _ = session.request("POST", "/coach/drafts/", urllib.parse.urlencode({"text": text}))
            with lock:
                counts[phase[0]][status] += 1
                if status == 302:
                    saved_ok.append(text)
            status, _ = session.request("GET", "/dashboard/")
            with lock:
                counts[phase[0]][status] += 1
            time.sleep(0.05)

    time.sleep(4)
    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(10)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(5)
        phase[0] = "down"
        subprocess.run([*CLUSTER, "stop", "-m", "fast"], check=True)
        time.sleep(args.seconds_down)
        subprocess.run([*CLUSTER, "start"], check=True)
        time.sleep(3)
        phase[0] = "after"
        time.sleep(6)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        server.terminate()
        server.wait(timeout=30)
        subprocess.run([*CLUSTER, "start"], check=False, capture_output=True)
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from mend.coach.models import SavedDraft; "
            "print('\\n'.join(d.text for d in SavedDraft.objects.filter(text__isnull=False)))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    stored = {line for line in check.stdout.splitlines() if line.startswith("fault-run")}
    for name, counter in counts.items():
        print(f"{name:>6}: {dict(sorted(counter.items()))}")
    unexpected = sum(n for c in counts.values() for s, n in c.items() if s >= 500 and s != 503)
    print(f"5xx other than 503: {unexpected}")
    print(
        f"recovered without restarting the app: {counts['after'].get(200, 0) + counts['after'].get(302, 0) > 0}"
    )
    missing = [t for t in saved_ok if t not in stored]
    print(
        f"successful saves: {len(saved_ok)}; found in the database: {len(saved_ok) - len(missing)}; lost: {len(missing)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
