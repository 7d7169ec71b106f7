"""Production settings come from the environment and refuse unsafe values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool

ROOT = Path(__file__).resolve().parents[3]
SECRET = "x" * 30 + "-production-secret-of-enough-length-123"


def manage(*args, **env):
    # A production environment, not the test run's (the browser tests allow async-unsafe ORM use).
    unset = {"DEBUG", "RODER_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        RODER_ENV="production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="roder.example.se",
        DATABASE_URL=f"sqlite:///{tmp_path}/check.sqlite3",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_placeholder_secret_key(tmp_path):
    result = manage(
        "check",
        RODER_ENV="production",
        ALLOWED_HOSTS="roder.example.se",
        DATABASE_URL=f"sqlite:///{tmp_path}/check.sqlite3",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_reads_database_urls(tmp_path):
    postgres = database_from_url(
        "postgres://roder:hemligt%21@db.example.se:5433/roder", base_dir=tmp_path
    )
    assert postgres["ENGINE"] == "roder.core.db.postgresql"  # Django's, with value checks
    assert (
        postgres["USER"],
        postgres["PASSWORD"],
        postgres["HOST"],
        postgres["PORT"],
        postgres["NAME"],
    ) == ("roder", "hemligt!", "db.example.se", "5433", "roder")
    sqlite = database_from_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)
    assert sqlite["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x@y/z", base_dir=tmp_path)


def test_it_reads_three_slashes_as_inside_the_repository_and_four_as_absolute(tmp_path):
    def name(url):
        return database_from_url(url, base_dir=tmp_path / "repo")["NAME"]

    assert name("sqlite:///var/x.sqlite3") == str(tmp_path / "repo" / "var" / "x.sqlite3")
    assert name("sqlite:///tmp/x.sqlite3") == str(tmp_path / "repo" / "tmp" / "x.sqlite3")
    assert name(f"sqlite:///{tmp_path}/x.sqlite3") == str(tmp_path / "x.sqlite3")
    # Two slashes read "var" as a host name; no URL leaves the database file in doubt.
    for unclear in ("sqlite://var/x.sqlite3", "sqlite://localhost/x.sqlite3", "sqlite:///"):
        with pytest.raises(ImproperlyConfigured, match="four slashes"):
            database_from_url(unclear, base_dir=tmp_path)


def test_it_fails_loudly_on_a_bad_boolean(monkeypatch):
    monkeypatch.setenv("DEBUG", "kanske")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG", False)
