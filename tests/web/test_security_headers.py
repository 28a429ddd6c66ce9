"""Headers and template rules that keep pages private and scripts our own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "mend").rglob("templates/**/*.html"))


@pytest.mark.django_db
def test_strict_csp_and_privacy_headers(alice_client: Client) -> None:
    response = alice_client.get("/dashboard/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script_or_style(template: Path) -> None:
    text = template.read_text()
    inline_scripts = [
        m for m in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", text)
    ]
    assert not inline_scripts, "inline <script> is blocked by the CSP: move it to a static file"
    assert not re.search(r"\sstyle=\"", text), "style attributes are blocked by the CSP: use a class"
    assert not re.search(r"\son[a-z]+=\"", text), "inline event handlers are blocked by the CSP"
    assert not re.search(r"https?://[^\"' ]*(cdn|unpkg|jsdelivr|googleapis|gstatic)", text), (
        "no third-party assets"
    )


def _deploy_check(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "MEND_ENV": "production",
        "SECRET_KEY": "k" * 20 + "-production-test-key-" + "z" * 20,
        "MEND_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "mend.example.org",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_production_settings() -> None:
    result = _deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_warns_about_a_cache_each_worker_keeps_to_itself() -> None:
    result = _deploy_check(CACHE_URL="locmemcache://")
    assert result.returncode != 0
    assert "mend.W001" in result.stdout + result.stderr
