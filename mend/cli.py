"""The `mend` command: `mend serve`, `mend demo`, and every Django management command.

`mend <anything else>` is passed to Django, so `mend migrate` or `mend createsuperuser` work too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _print_logins(host: str, port: int) -> None:
    from mend.core.demo import DEMO_PASSWORD, DEMO_PEOPLE, demo_email

    print(f"\n  mend is running at http://{host}:{port}/\n")
    print(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
    notes = {"alice": "linked with bob", "bob": "linked with alice", "charlie": "outsider", "dana": "solo"}
    for name, *_ in DEMO_PEOPLE:
        print(f"    {demo_email(name):<22} {notes.get(name, '')}")
    print("\n  Press Ctrl+C to stop.\n", flush=True)


def cmd_serve(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="mend serve", description="Serve the web app.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers", type=int, default=0, help="use gunicorn with N workers (production-like)"
    )
    args = parser.parse_args(argv)
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    _print_logins(args.host, args.port)
    if args.workers:
        os.execvp(  # noqa: S606 - replaces this process with gunicorn, arguments are ours
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-b",
                f"{args.host}:{args.port}",
                "-w",
                str(args.workers),
            ],
        )
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=settings.DEBUG, skip_checks=False)
    return 0


def cmd_demo(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="mend demo", description="Seed the demo couple (idempotent).")
    parser.parse_args(argv)
    _setup()
    from django.utils import timezone

    from mend.core.demo import seed_demo

    seed_demo(now=timezone.now())
    print("Demo data ready: alice and bob (linked), charlie (outsider), dana (solo).")
    return 0


def cmd_backup(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="mend backup", description="Copy the database to a file.")
    parser.add_argument("path", help="where to write the backup")
    args = parser.parse_args(argv)
    _setup()
    from pathlib import Path

    from mend.core.backup import backup

    print(f"Backup written to {backup(Path(args.path))}")
    return 0


def cmd_restore(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="mend restore", description="Replace the database with a backup.")
    parser.add_argument("path", help="a file made by mend backup")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)
    if not args.yes and input("This replaces all current data. Type yes to continue: ").strip() != "yes":
        print("Nothing changed.")
        return 1
    _setup()
    from pathlib import Path

    from mend.core.backup import restore

    restore(Path(args.path))
    print("Restored.")
    return 0


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "serve": cmd_serve,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
}


ALIASES = {
    "worker": "db_worker",  # runs queued jobs (reminders); --batch processes the queue and exits
    "schedule": "schedule_reminders",  # cron-friendly: queue the reminders that are due now
}


def _extra_commands() -> None:
    try:
        from mend.coach.cli import cmd_coach
    except ImportError:
        return
    COMMANDS["coach"] = cmd_coach


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _extra_commands()
    if not args or args[0] in {"-h", "--help"}:
        print(f"usage: mend {{{','.join(COMMANDS)}}} [options]  (or any Django management command)")
        return 0
    command = COMMANDS.get(args[0])
    if command is not None:
        return command(args[1:])
    args[0] = ALIASES.get(args[0], args[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mend", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
