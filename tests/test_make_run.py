"""`make run` opens the port in PORT and the links in emails follow it (SITE_URL)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make no está instalado")


def _plan(**entorno):
    base = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL"}}
    return subprocess.run(
        [shutil.which("make"), "-n", "run"],
        cwd=RAIZ,
        env={**base, **entorno},
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout


def test_make_run_serves_and_links_to_the_chosen_port():
    plan = _plan(PORT="8123")
    assert "runserver 127.0.0.1:8123" in plan
    # Both the web server and the task worker (which sends the emails) get the matching SITE_URL.
    assert plan.count("SITE_URL=http://127.0.0.1:8123") == 2


def test_make_run_defaults_to_port_8000_and_respects_an_explicit_site_url():
    assert "runserver 127.0.0.1:8000" in _plan()
    assert (
        plan_count(_plan(SITE_URL="https://migrantes.example.cl"), "SITE_URL=https://migrantes.example.cl")
        == 2
    )


def plan_count(plan: str, texto: str) -> int:
    return plan.count(texto)
