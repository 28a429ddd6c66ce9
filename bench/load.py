"""Load benchmark: N concurrent users doing the main journey against gunicorn + PostgreSQL.

Prints requests/s, p50/p95/p99 latency and errors for the journey, and the same figures for a
trivial view (/healthz) in the same run as the ceiling. Figures, not assertions.

    python -m bench.load --users 50 --seconds 60 [--workers 4] [--database-url postgres://...]

It creates (or reuses) the database `mend_bench` on the local PostgreSQL, migrates it, seeds
bench users in linked pairs, starts gunicorn on 127.0.0.1, and sends traffic only to 127.0.0.1.
The load generator shares the machine's cores with the server, so the figures are conservative.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST, PORT = "127.0.0.1", 8765
PASSWORD = "bench-password-2026"  # noqa: S105 - local benchmark accounts only
JOURNEY = [
    ("GET", "/dashboard/", None),
    ("POST", "/coach/", "text=You+never+listen+to+me.+Whatever."),
    ("GET", "/rituals/", None),
    ("GET", "/trust/", None),
    ("GET", "/coach/", None),
]


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 500 or status == 0:
                self.errors += 1

    def report(self, label: str, elapsed: float) -> str:
        if not self.latencies:
            return f"{label}: no requests"
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

        return (
            f"{label}: {len(ordered)} requests in {elapsed:.1f}s = {len(ordered) / elapsed:.1f} req/s; "
            f"p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms, "
            f"mean {statistics.fmean(ordered) * 1000:.1f} ms; errors {self.errors}; statuses {dict(sorted(self.statuses.items()))}"
        )


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CONN_MAX_AGE": "60",
            "AXES_FAILURE_LIMIT": "1000",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def prepare(database_url: str, users: int) -> None:
    parsed = urllib.parse.urlparse(database_url)
    name = parsed.path.lstrip("/")
    subprocess.run(
        [
            "createdb",
            "-h",
            parsed.hostname or "127.0.0.1",
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username or "postgres",
            name,
        ],
        capture_output=True,
        check=False,
    )
    env = _env(database_url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [sys.executable, "-m", "mend.cli", "demo"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    script = f"""
import django; django.setup()
from django.utils import timezone
from mend.accounts.models import User
from mend.couples.models import Couple, Membership
from django.contrib.auth.hashers import make_password
hashed = make_password({PASSWORD!r})
for i in range({users}):
    user, created = User.objects.get_or_create(email=f"bench{{i}}@example.com", defaults={{"display_name": f"Bench {{i}}", "password": hashed}})
for i in range(0, {users} - 1, 2):
    a = User.objects.get(email=f"bench{{i}}@example.com"); b = User.objects.get(email=f"bench{{i + 1}}@example.com")
    if not Membership.objects.filter(user=a, left_at__isnull=True).exists():
        c = Couple.objects.create(created_by=a)
        Membership.objects.create(couple=c, user=a); Membership.objects.create(couple=c, user=b)
"""
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)


class Session:
    def __init__(self) -> None:
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Referer": f"http://{HOST}:{PORT}/",
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
            return 0, ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def login(self, email: str) -> bool:
        status, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            return False
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": email, "password": PASSWORD}
        )
        status, _ = self.request("POST", "/accounts/login/", body)
        return status == 302


def run_users(
    users: int, seconds: float, journey: list[tuple[str, str, str | None]], login: bool
) -> tuple[Stats, float]:
    stats = Stats()
    ready = threading.Barrier(users + 1)
    stop_at = [0.0]

    def worker(index: int) -> None:
        session = Session()
        ok = session.login(f"bench{index}@example.com") if login else True
        ready.wait()
        if not ok:
            stats.add(0.0, 0)
            return
        step = index
        while time.perf_counter() < stop_at[0]:
            method, path, body = journey[step % len(journey)]
            step += 1
            started = time.perf_counter()
            status, _ = session.request(method, path, body)
            stats.add(time.perf_counter() - started, status)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    stop_at[0] = began + seconds + 30  # provisional, until every user has logged in
    ready.wait()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    for thread in threads:
        thread.join()
    return stats, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/mend_bench")
    args = parser.parse_args()
    prepare(args.database_url, args.users)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"{HOST}:{PORT}",
            "-w",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=_env(args.database_url),
    )
    try:
        for _ in range(150):
            try:
                probe = http.client.HTTPConnection(HOST, PORT, timeout=2)
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        warm = Session()  # first requests import the app in every worker: keep them out of the figures
        for _ in range(args.workers * 4):
            warm.request("GET", "/accounts/login/")
        print(
            f"mend load benchmark: {args.users} users, {args.seconds:.0f}s each run, gunicorn -w {args.workers}, {args.database_url}"
        )
        journey, journey_elapsed = run_users(args.users, args.seconds, JOURNEY, login=True)
        print(journey.report("journey (dashboard, coach, check-in, trust)", journey_elapsed))
        ceiling, ceiling_elapsed = run_users(
            args.users, args.seconds, [("GET", "/healthz", None)], login=False
        )
        print(ceiling.report("ceiling (/healthz, one SELECT 1)", ceiling_elapsed))
        if ceiling.latencies and journey.latencies:
            ratio = (len(journey.latencies) / journey_elapsed) / (len(ceiling.latencies) / ceiling_elapsed)
            print(f"journey throughput = {ratio:.2f} x the trivial view's")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
