"""The engine is pure Python: importing every module of it must not import Django."""

import pkgutil
import subprocess
import sys

import mend.engine


def test_engine_does_not_import_django() -> None:
    modules = [f"mend.engine.{info.name}" for info in pkgutil.walk_packages(mend.engine.__path__)]
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in ["mend.engine", *modules])
        + (
            "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
            "print(','.join(bad))\n"
            "raise SystemExit(1 if bad else 0)\n"
        )
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"mend.engine imported Django: {result.stdout} {result.stderr}"
