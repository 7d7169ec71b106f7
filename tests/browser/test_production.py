"""Roder as it runs in production: gunicorn (config/gunicorn.conf.py) and a task worker on
PostgreSQL, DEBUG off, the static files collected under hashed names and served by whitenoise.
A reader logs in, opens Stöd & process's scorecard, and downloads its plan as PDF, produced by
the worker. axe-core on every page. PostgreSQL only: the processes share the test database,
and SQLite's lives in the test process's memory."""

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection
from playwright.sync_api import expect

from roder.demo.personas import DEMO_PASSWORD
from roder.organisation.models import Unit
from tests.browser.conftest import axe_check, download, log_in

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}:{port}/{s['NAME']}"


@pytest.fixture
def gunicorn(demo, transactional_db, tmp_path):
    """The demo, committed, served by gunicorn with a worker; yields the base URL."""
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn and its worker share PostgreSQL's test database with the test")
    # The tests hash passwords with MD5 for speed; the server knows only production's hashers.
    get_user_model().objects.filter(username="lasare").update(
        password=(argon2 := Argon2PasswordHasher()).encode(DEMO_PASSWORD, argon2.salt())
    )
    port = _free_port()
    unset = {"DEBUG", "RODER_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(
        DATABASE_URL=_database_url(),
        DEBUG="false",
        RODER_STATIC_MANIFEST="true",
        STATIC_ROOT=str(tmp_path / "static"),
        ALLOWED_HOSTS="127.0.0.1",
        PORT=str(port),
        RODER_BIND=f"127.0.0.1:{port}",
        RODER_TASK_BACKEND="database",
        WEB_CONCURRENCY="2",
        RODER_THREADS="2",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=300,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=environment,
    )
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("gunicorn did not answer /healthz within a minute")
        yield base
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            process.wait(timeout=30)


def test_a_reader_uses_roder_under_gunicorn_with_a_worker(browser, gunicorn, tmp_path):
    office = Unit.objects.get(organisation__slug="upplands-vasby", code="SP")
    context = browser.new_context(locale="sv-SE", bypass_csp=True, base_url=gunicorn)
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        # Static files come hashed, compressed and cached for a year.
        css = page.request.get("/accounts/login/").text().split('href="/static/roder/roder.')[1]
        asset = page.request.get(f"/static/roder/roder.{css.split('"')[0]}")
        assert asset.ok and "immutable" in asset.headers["cache-control"]
        log_in(page, "lasare", DEMO_PASSWORD)
        axe_check(page)
        page.goto(f"/o/upplands-vasby/units/{office.pk}/scorecard/")
        axe_check(page)
        expect(page.locator("main h1")).to_contain_text("Stöd & process", timeout=30_000)
        expect(page.locator("main")).to_contain_text("Hållbart medarbetarindex")
        page.goto(f"/o/upplands-vasby/units/{office.pk}/documents/")
        axe_check(page)
        card = page.locator("section.card", has=page.locator("h2", has_text="Verksamhetsplan"))
        card.locator("input[name=year]").fill("2026")
        card.get_by_role("button").click()
        page.wait_for_load_state()
        axe_check(page)
        page.get_by_role("button", name="Ladda ner som PDF").click()
        # The worker makes it (a loaded machine may take a while).
        expect(page.locator("#run-progress")).to_contain_text("Klar", timeout=180_000)
        axe_check(page)
        link = page.get_by_role("link", name="Ladda ner").first
        pdf = download(page, link, tmp_path).read_bytes()
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert "Kunden i fokus" in text
    finally:
        context.close()
