"""Backups with the database's own tools, so encrypted text stays encrypted in the copy.

SQLite: the online backup API (consistent while the app runs). PostgreSQL: pg_dump's custom
format and pg_restore. Key material (MEND_ENCRYPTION_KEYS) is never part of a backup: keep it apart.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections


class BackupError(RuntimeError):
    pass


def _settings(alias: str = "default") -> dict[str, Any]:
    return dict(connections[alias].settings_dict)


def _pg_env_args(db: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    import os

    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return env, args


def _sqlite(name: object) -> sqlite3.Connection:
    text = str(name)
    return sqlite3.connect(text, uri=text.startswith("file:"))


def backup(path: Path, *, alias: str = "default") -> Path:
    db = _settings(alias)
    engine = db["ENGINE"]
    path = Path(path)
    if engine.endswith("sqlite3"):
        connections[alias].close()
        source = _sqlite(db["NAME"])
        target = sqlite3.connect(str(path))
        with target:
            source.backup(target)
        source.close()
        target.close()
        return path
    if engine.endswith("postgresql"):
        if shutil.which("pg_dump") is None:
            raise BackupError("pg_dump is not installed; install the PostgreSQL client tools.")
        env, args = _pg_env_args(db)
        subprocess.run(["pg_dump", "-Fc", *args, "-f", str(path), str(db["NAME"])], env=env, check=True)  # noqa: S603,S607
        return path
    raise BackupError(f"Backups are not supported for {engine}.")


def restore(path: Path, *, alias: str = "default") -> None:
    db = _settings(alias)
    engine = db["ENGINE"]
    path = Path(path)
    if not path.exists():
        raise BackupError(f"No backup at {path}.")
    if engine.endswith("sqlite3"):
        connections[alias].close()
        source = sqlite3.connect(str(path))
        target = _sqlite(db["NAME"])
        with target:
            source.backup(target)
        source.close()
        target.close()
        return
    if engine.endswith("postgresql"):
        if shutil.which("pg_restore") is None:
            raise BackupError("pg_restore is not installed; install the PostgreSQL client tools.")
        connections[alias].close()
        env, args = _pg_env_args(db)
        subprocess.run(  # noqa: S603
            ["pg_restore", "--clean", "--if-exists", "--no-owner", *args, "-d", str(db["NAME"]), str(path)],  # noqa: S607
            env=env,
            check=True,
        )
        return
    raise BackupError(f"Restore is not supported for {engine}.")
