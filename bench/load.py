"""Load run: N signed-in users on the main journey against gunicorn + PostgreSQL, with a ceiling.

    python -m bench.load [--users 50] [--duration 60] [--think 1.0] [--workers 5] [--threads 1]

What it does, all on 127.0.0.1:
  1. creates its own database `mend_load` on the local PostgreSQL (dropped again at the end, also
     on Ctrl-C or failure), migrates it, collects static files, seeds the demo data and N bench
     users linked in couples, each with some history;
  2. starts gunicorn with production settings (MEND_ENV=production, DEBUG off, fresh SECRET_KEY and
     encryption key, persistent database connections); the generator plays the TLS proxy in front
     of it and sends `X-Forwarded-Proto: https`, so HTTPS-only cookies, HSTS and the SSL redirect
     stay on exactly as in production;
  3. every user signs in (CSRF token from the form, then from the cookie for every POST) and walks
     the journey: dashboard, message coach (page and analysis), weekly check-in (page, save, back),
     appreciation (page, send, back), pausing `--think` seconds (jittered +-50%) between pages as a
     person reading would; a redirect is followed at once, like a browser;
  4. the same users then call the trivial view /healthz (one SELECT 1) with the same pauses: the
     ceiling for this machine, server and database.

It prints requests/s, p50/p95/p99, errors (any status other than the page's expected one, or no
answer) for the journey, per page, and for the ceiling, the ratios, and the targets (journey
p95 < 100 ms, zero errors). It also prints the CPU time gunicorn, PostgreSQL and the generator spent
per request (read from /proc, so it holds up better than latency on a busy machine), the capacity
that implies, and the SQL queries per page at the start and after the run (growth means an N+1). `--think 0` makes every user click as fast as the server answers: then
the requests/s ratio is the journey's capacity as a fraction of the trivial view's.
The generator is one Python process with one thread per user; it shares the cores with the server,
so on a small machine the figures are conservative. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PG_URL = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "bench-password-2026"  # noqa: S105 - local benchmark accounts only, in a throwaway database
CPUS = os.cpu_count() or 1
# The kind of message a person brings to the coach: some heat, no crisis language.
COACH_TEXTS = (
    "You never listen to me. Whatever, do what you want.",
    "I felt alone on Saturday when you stayed late at work without calling.",
    "Why do you always leave the dishes for me? It is so typical of you.",
    "Could we talk tonight about the holidays? I would like us to plan them together.",
)


def email(index: int) -> str:
    return f"bench{index}@example.com"


# --------------------------------------------------------------------------- database and server


def pg_connection(pg_url: str) -> list[str]:
    """Host, port and user flags for PostgreSQL's command-line tools."""
    parsed = urllib.parse.urlparse(pg_url)
    return [
        "-h",
        parsed.hostname or HOST,
        "-p",
        str(parsed.port or 5432),
        "-U",
        parsed.username or "postgres",
    ]


def _pg(command: str, *args: str, pg_url: str = PG_URL, check: bool = True) -> None:
    subprocess.run([command, *pg_connection(pg_url), *args], check=check, capture_output=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str) -> dict[str, str]:
    """Production settings, over plain HTTP behind a pretend TLS proxy (see the module docstring)."""
    from cryptography.fernet import Fernet

    env = dict(os.environ)
    for name in ("DEBUG", "SECURE_SSL_REDIRECT", "MEND_TASKS_BACKEND"):  # CACHE_URL is kept
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "MEND_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "MEND_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "60",
            "ALLOWED_HOSTS": HOST,
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@dataclass
class Server:
    """A bench database and a gunicorn serving it; `running()` cleans both up whatever happens."""

    db_name: str
    users: int
    workers: int = 2 * CPUS + 1
    threads: int = 1
    pg_url: str = PG_URL
    port: int = field(default_factory=_free_port)
    env: dict[str, str] = field(default_factory=dict)
    log_path: Path | None = None
    log_errors: list[str] = field(default_factory=list)
    master_pid: int = 0

    @property
    def database_url(self) -> str:
        return f"{self.pg_url}/{self.db_name}"

    @property
    def description(self) -> str:
        kind = f"gthread x{self.threads}" if self.threads > 1 else "sync"
        return (
            f"gunicorn {self.workers} {kind} workers on {HOST}:{self.port}, "
            f"PostgreSQL database {self.db_name}, MEND_ENV=production, CONN_MAX_AGE=60"
        )

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True
        )

    def python(self, code: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        )
        return done.stdout

    @contextmanager
    def running(self) -> Iterator[Server]:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)  # `kill` cleans up like Ctrl-C
        self.env = server_env(self.database_url)
        static_root = ROOT / "staticfiles"
        static_was_there = static_root.exists()
        workdir = Path(tempfile.mkdtemp(prefix="mend-bench-"))
        self.log_path = workdir / "gunicorn.log"
        process: subprocess.Popen[bytes] | None = None
        try:
            began = time.monotonic()
            _pg("dropdb", "--if-exists", "--force", self.db_name, pg_url=self.pg_url)
            _pg("createdb", self.db_name, pg_url=self.pg_url)
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("createcachetable")  # the production default cache lives in the database
            self.manage("collectstatic", "--noinput", "-v", "0")  # production serves hashed names
            self.python(f"import bench.load as b; b.seed({self.users})")
            print(
                f"set-up: database migrated, static files collected, data seeded in {time.monotonic() - began:.0f} s",
                flush=True,
            )
            with self.log_path.open("wb") as log:
                process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "config.wsgi",
                        "--bind",
                        f"{HOST}:{self.port}",
                        "--workers",
                        str(self.workers),
                        "--worker-class",
                        "gthread" if self.threads > 1 else "sync",
                        "--threads",
                        str(self.threads),
                        "--timeout",
                        "30",
                        "--graceful-timeout",
                        "5",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # Ctrl-C reaches us, and we stop the whole group
                )
            self.master_pid = process.pid
            self._wait_ready(process)
            self._warm_up()
            yield self
        finally:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            _pg("dropdb", "--if-exists", "--force", self.db_name, pg_url=self.pg_url, check=False)
            if self.log_path.exists():
                lines = self.log_path.read_text(errors="replace").splitlines()
                # Django logs every 5xx; a 503 while the database is down is expected, a 500 is not
                self.log_errors = [
                    line
                    for line in lines
                    if re.match(r"Internal Server Error: |\[.*\] \[\d+\] \[(ERROR|CRITICAL)\]", line)
                ]
            shutil.rmtree(workdir, ignore_errors=True)
            if not static_was_there:
                shutil.rmtree(static_root, ignore_errors=True)
            signal.signal(signal.SIGTERM, previous)

    def cpu(self) -> tuple[dict[int, float], dict[int, float]]:
        """CPU seconds used so far by each gunicorn process and each PostgreSQL backend of the database."""
        workers = {
            pid: seconds
            for pid, (ppid, seconds) in _proc_table().items()
            if pid == self.master_pid or ppid == self.master_pid
        }
        listed = subprocess.run(
            [
                "psql",
                *pg_connection(self.pg_url),
                "-AtF",
                " ",
                "-c",
                "SELECT datname, pid FROM pg_stat_activity",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()
        table = _proc_table()
        pids = [int(line.split(" ")[1]) for line in listed if line.startswith(f"{self.db_name} ")]
        backends = {pid: table[pid][1] for pid in pids if pid in table}
        return workers, backends

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{self._log_tail()}")
            if Client(self.port).request("GET", "/healthz")[0] == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-20:])

    def _warm_up(self) -> None:
        """Each worker imports templates and loads the coach model on first use: keep that out."""
        client = Client(self.port)
        if not client.login(email(0)):
            raise RuntimeError("bench user could not sign in")
        for _ in range(self.workers * 3):
            for step in JOURNEY:
                client.request(step.method, step.path, step.form(0, 0) if step.form else None)


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds used, user + system) for every process, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return table


def seed(users: int) -> None:
    """Run inside the bench database's environment: demo data plus `users` people in couples."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from mend.accounts.models import User
    from mend.coach.models import SavedDraft
    from mend.core.demo import seed_demo
    from mend.couples import services as couples
    from mend.couples.privacy import Visibility
    from mend.trust.models import Appreciation

    now = timezone.now()
    seed_demo(now=now)
    hashed = make_password(PASSWORD)  # one Argon2 hash for everyone: seeding stays quick
    people = [
        User.objects.create(
            email=email(i), display_name=f"Bench {i}", password=hashed, date_joined=now - timedelta(weeks=8)
        )
        for i in range(users)
    ]
    couple_of = {}
    for first, second in zip(people[0::2], people[1::2], strict=False):
        _invite, token, _code = couples.invite_create(user=first, now=now)
        couple_of[first.pk] = couple_of[second.pk] = couples.invite_accept(user=second, now=now, token=token)
    # some history, so lists are not empty: five saved drafts and five sent appreciations each
    drafts, notes = [], []
    for n, person in enumerate(people):
        for k in range(5):
            when = now - timedelta(days=k + 1)
            drafts.append(
                SavedDraft(owner=person, text=COACH_TEXTS[(n + k) % len(COACH_TEXTS)], created_at=when)
            )
            couple = couple_of.get(person.pk)
            notes.append(
                Appreciation(
                    owner=person,
                    text=f"Thank you for the walk on day {k}.",
                    created_at=when,
                    sent_at=when if couple else None,
                    couple=couple,
                    visibility=Visibility.SHARED if couple else Visibility.PRIVATE,
                )
            )
    SavedDraft.objects.bulk_create(drafts)
    Appreciation.objects.bulk_create(notes)


def query_counts() -> None:
    """Print the SQL queries each journey page costs bench0 (run inside the bench environment)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from mend.accounts.models import User

    client = DjangoClient()
    client.force_login(User.objects.get(email=email(0)))
    for path in dict.fromkeys(step.path for step in JOURNEY if step.method == "GET"):
        client.get(path, secure=True, HTTP_HOST=HOST)  # first call fills caches
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path, secure=True, HTTP_HOST=HOST).status_code
        print(f"{path} {status} {len(queries)}")


# --------------------------------------------------------------------------- HTTP client


class Client:
    """One browser: keeps its cookies, sends the CSRF token, reconnects when the server closes."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://{HOST}:{port}"
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str, str]:
        """(status, body, Location); status 0 when no answer came (refused, reset, timeout)."""
        headers = {
            **(headers or {}),
            "Host": f"{HOST}:{self.port}",
            "X-Forwarded-Proto": "https",  # what the TLS proxy in front of gunicorn would add
            "Referer": self.origin + path,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if form is not None:
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            ).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method != "GET":
            headers["Origin"] = self.origin
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            return 0, "", ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ("", '""') or "max-age=0" in rest.lower():
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = cookie_value
        if response.will_close:
            self.conn.close()  # http.client opens a fresh connection on the next request
        return response.status, text, response.getheader("Location") or ""

    def login(self, address: str) -> bool:
        status, page, _ = self.request("GET", "/accounts/login/")
        if status != 200 or not re.search(r'name="csrfmiddlewaretoken"', page):
            return False
        status, _, location = self.request(
            "POST", "/accounts/login/", {"username": address, "password": PASSWORD}
        )
        return status == 302 and "login" not in location


# --------------------------------------------------------------------------- journey and figures


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    expect: int
    form: Callable[[int, int], dict[str, str]] | None = None  # (user, round) -> fields

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def _coach_form(user: int, n: int) -> dict[str, str]:
    return {"text": COACH_TEXTS[(user + n) % len(COACH_TEXTS)]}


def _checkin_form(user: int, n: int) -> dict[str, str]:
    return {
        "went_well": f"We cooked together on Sunday ({n}).",
        "felt_hard": "Talking about money again.",
        "improve": "Ask before making plans for both of us.",
        "closeness": str(1 + (user + n) % 10),
        "stress": str(1 + n % 10),
        "actions": "Walk after dinner on Tuesday\nPhone-free breakfast",
    }


def _appreciation_form(user: int, n: int) -> dict[str, str]:
    return {"text": f"Thank you for making time for me this week ({user}/{n}).", "send": "1"}


JOURNEY = (
    Step("GET", "/dashboard/", 200),
    Step("GET", "/coach/", 200),
    Step("POST", "/coach/", 200, _coach_form),  # the analysis, as the page shows it without JavaScript
    Step("GET", "/rituals/", 200),
    Step("POST", "/rituals/", 302, _checkin_form),  # save this week's answers for later
    Step("GET", "/trust/appreciations/", 200),
    Step("POST", "/trust/appreciations/", 302, _appreciation_form),  # send one to the partner
)
CEILING = (Step("GET", "/healthz", 200),)


@dataclass
class Figures:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, label: str, seconds: float, ok: bool, status: int) -> None:
        with self.lock:
            self.latencies.setdefault(label, []).append(seconds)
            if not ok:
                self.errors[label] = self.errors.get(label, 0) + 1
                if len(self.samples) < 5:
                    self.samples.append(f"{label} -> {status or 'no answer'}")

    @property
    def all(self) -> list[float]:
        return sorted(x for values in self.latencies.values() for x in values)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        return len(self.all) / self.elapsed if self.elapsed else 0.0


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted seconds, in milliseconds."""
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1] * 1000


def summary(ordered: list[float]) -> str:
    return " ".join(f"p{p} {percentile(ordered, p):6.1f} ms" for p in (50, 95, 99))


def run_users(
    port: int,
    users: int,
    duration: float,
    think: float,
    steps: tuple[Step, ...],
    login: bool,
    on_start: Callable[[], None] = lambda: None,
) -> Figures:
    """Every user signs in (not timed), then all walk `steps` in a loop for `duration` seconds."""
    figures = Figures()
    window = [0.0, 0.0]  # start, end: set by the barrier as everyone is ready, before anyone goes

    def start() -> None:
        on_start()
        window[0] = time.perf_counter()
        window[1] = window[0] + duration

    ready = threading.Barrier(users + 1, action=start)
    follow_label = {step.path: f"GET {step.path} (after the redirect)" for step in steps}

    def pause(rng: random.Random) -> None:
        if think > 0:
            time.sleep(think * rng.uniform(0.5, 1.5))

    def user(index: int) -> None:
        rng = random.Random(index)
        client = Client(port)
        signed_in = client.login(email(index)) if login else True
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        if not signed_in:
            figures.add("sign in", 0.0, False, 0)
            return
        if think > 0:
            time.sleep(rng.uniform(0, think))  # users do not all click in the same instant
        n = index  # each user starts at a different page
        while time.perf_counter() < window[1]:
            step = steps[n % len(steps)]
            started = time.perf_counter()
            status, _, location = client.request(
                step.method, step.path, step.form(index, n // len(steps)) if step.form else None
            )
            figures.add(step.label, time.perf_counter() - started, status == step.expect, status)
            if status in (301, 302) and location.startswith("/"):
                started = time.perf_counter()
                status, _, _ = client.request("GET", location)
                label = follow_label.get(location, f"GET {location} (after the redirect)")
                figures.add(label, time.perf_counter() - started, status == 200, status)
            n += 1
            pause(rng)

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    try:
        ready.wait(timeout=120 + users)  # sign-ins (Argon2) are outside the measured window
    except threading.BrokenBarrierError:
        start()
    for thread in threads:
        thread.join()
    figures.elapsed = time.perf_counter() - window[0]
    return figures


class CpuMeter:
    """CPU time spent by gunicorn, PostgreSQL and this generator during one phase, per request."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.before: tuple[dict[int, float], dict[int, float], float] = ({}, {}, 0.0)

    def start(self) -> None:
        self.before = (*self.server.cpu(), time.process_time())

    def stop(self, requests: int) -> tuple[float, float, float]:
        workers, backends = self.server.cpu()
        spent = (
            sum(t - self.before[0].get(pid, 0.0) for pid, t in workers.items()),
            sum(t - self.before[1].get(pid, 0.0) for pid, t in backends.items()),
            time.process_time() - self.before[2],
        )
        return (
            spent[0] * 1000 / max(requests, 1),
            spent[1] * 1000 / max(requests, 1),
            spent[2] * 1000 / max(requests, 1),
        )


def report(name: str, figures: Figures, per_page: bool) -> None:
    ordered = figures.all
    print(
        f"{name:<9} {len(ordered):6d} requests in {figures.elapsed:5.1f} s = {figures.rate:7.1f} req/s | "
        f"{summary(ordered)} | errors {figures.error_count}"
    )
    if per_page:
        order: list[str] = []
        for step in JOURNEY:  # each redirect right after the form that caused it
            order += (
                [step.label, f"GET {step.path} (after the redirect)"] if step.expect == 302 else [step.label]
            )
        for label in sorted(figures.latencies, key=lambda x: order.index(x) if x in order else len(order)):
            values = figures.latencies[label]
            print(
                f"    {label:<48} {len(values):6d}  {summary(sorted(values))}  errors {figures.errors.get(label, 0)}"
            )
    for sample in figures.samples:
        print(f"    e.g. {sample}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="concurrent signed-in users (default 50)")
    parser.add_argument(
        "--duration", "--seconds", type=float, default=60, help="seconds per phase (default 60)"
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause between pages in seconds; 0 = no pause"
    )
    parser.add_argument("--workers", type=int, default=2 * CPUS + 1, help="gunicorn workers (2*cores+1)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker; >1 uses gthread")
    parser.add_argument("--db-name", default="mend_load", help="created and dropped by the run")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL server, trust auth")
    args = parser.parse_args()
    server = Server(db_name=args.db_name, users=args.users, workers=args.workers, threads=args.threads)
    server.pg_url = args.pg_url.rstrip("/")
    print(
        f"mend load run: {args.users} users, {args.duration:g} s per phase, think {args.think:g} s "
        f"(+-50%), {CPUS} cores shared by server and generator",
        flush=True,
    )
    try:
        with server.running():
            print(f"server: {server.description}", flush=True)
            meter = CpuMeter(server)
            queries_before = server.python("import bench.load as b; b.query_counts()").split()
            journey = run_users(
                server.port, args.users, args.duration, args.think, JOURNEY, True, meter.start
            )
            journey_cpu = meter.stop(len(journey.all))
            ceiling = run_users(
                server.port, args.users, args.duration, args.think, CEILING, False, meter.start
            )
            ceiling_cpu = meter.stop(len(ceiling.all))
            queries_after = server.python("import bench.load as b; b.query_counts()").split()
    except KeyboardInterrupt:
        print("interrupted: gunicorn stopped and the bench database dropped")
        return 130
    except subprocess.CalledProcessError as error:
        print(f"set-up failed: {' '.join(map(str, error.cmd))[:120]}\n{(error.stderr or b'')[-2000:]!s}")
        return 1
    print("journey = dashboard, coach (page + analysis), check-in (page + save), appreciation (page + send)")
    report("journey", journey, per_page=True)
    report("ceiling", ceiling, per_page=False)
    j, c = journey.all, ceiling.all
    if j and c:
        print(
            f"journey / ceiling: p50 x{percentile(j, 50) / percentile(c, 50):.1f}, "
            f"p95 x{percentile(j, 95) / percentile(c, 95):.1f}, "
            f"requests/s x{journey.rate / ceiling.rate:.2f}"
            + (
                ""
                if args.think == 0
                else " (with pauses both run at the users' pace; --think 0 for capacity)"
            )
        )
    p95 = percentile(j, 95)
    print(
        f"targets: journey p95 < 100 ms: {'met' if p95 < 100 else 'NOT met'} ({p95:.1f} ms); "
        f"zero errors: {'met' if journey.error_count == 0 else 'NOT met'} ({journey.error_count})"
    )
    for name, cpu in (("journey", journey_cpu), ("ceiling", ceiling_cpu)):
        print(
            f"CPU per request, {name}: gunicorn {cpu[0]:.1f} ms, PostgreSQL {cpu[1]:.1f} ms, "
            f"load generator {cpu[2]:.1f} ms; {CPUS} idle cores would serve at most about "
            f"{CPUS * 1000 / max(sum(cpu), 0.001):.0f} req/s"
        )
    print(
        "SQL queries per page for one user, at the start / after the run (growth would mean N+1): "
        + ", ".join(
            f"{path} {before}/{after}" + ("" if status == "200" else f" (status {status})")
            for (path, status, before), after in zip(
                zip(queries_before[0::3], queries_before[1::3], queries_before[2::3], strict=True),
                queries_after[2::3],
                strict=False,
            )
        )
    )
    if server.log_errors:
        print(
            f"server log: {len(server.log_errors)} errors (500s, worker failures), first: {server.log_errors[0][:200]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
