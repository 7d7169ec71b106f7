"""Running in production: the health endpoint, logs as JSON on stdout, and several task workers
sharing one PostgreSQL without doing a task twice."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from roder.core import health
from roder.core.tests.test_settings import ROOT, manage
from roder.core.tests.worker_tasks import wait_a_little


@pytest.mark.django_db
def test_the_health_check_says_ok_and_its_detail_what_the_worker_did(client):
    answer = client.get(reverse("core:healthz"))
    assert answer.status_code == 200 and answer.content == b"ok"
    DatabaseBackend(alias="default", params={}).enqueue(wait_a_little, [1], {})
    detail = client.get(reverse("core:healthz"), {"detail": ""}).json()
    assert detail["status"] == "ok" and detail["migrations"] == "ok"
    assert detail["worker"]["tasks_waiting"] == 1
    assert detail["worker"]["last_task_started"] is None


@pytest.mark.django_db
def test_unapplied_migrations_fail_the_check(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [("new migration", False)]
    )
    answer = client.get(reverse("core:healthz"))
    assert answer.status_code == 503 and answer.content == b"unavailable"
    detail = client.get(reverse("core:healthz"), {"detail": ""})
    assert detail.status_code == 503
    assert detail.json() == {
        "status": "unavailable",
        "database": "ok",
        "migrations": "1 migrations not applied",
    }


def test_production_logs_one_json_object_a_line(tmp_path):
    result = manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('roder.test').warning('Rapport %s', 'klar', "
        "extra={'unit': 7})",
        RODER_LOG_FORMAT="json",
        DATABASE_URL=f"sqlite:///{tmp_path}/log.sqlite3",
    )
    line = next(line for line in result.stdout.splitlines() if "Rapport" in line)
    record = json.loads(line)
    assert record["level"] == "WARNING" and record["logger"] == "roder.test"
    assert record["message"] == "Rapport klar" and record["unit"] == 7
    assert "time" in record


def _database_url() -> str:
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}:{port}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_and_run_each_task_once():
    if connection.vendor != "postgresql":
        pytest.skip("the workers share PostgreSQL's queue (SQLite's test database is in memory)")
    backend = DatabaseBackend(alias="default", params={})
    for number in range(40):
        backend.enqueue(wait_a_little, [number], {})
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "RODER_TASK_BACKEND": "database",
    }
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--batch",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--worker-id",
                f"worker-{n}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for worker in workers:
        _out, errors = worker.communicate(timeout=240)
        assert worker.returncode == 0, errors
    results = list(DBTaskResult.objects.all())
    assert len(results) == 40
    assert all(r.status == "SUCCESSFUL" for r in results)
    assert all(len(r.worker_ids) == 1 for r in results)  # claimed once: one worker each
    assert sorted(r.return_value for r in results) == list(range(40))
    ran = {r.worker_ids[0] for r in results}
    assert ran <= {"worker-1", "worker-2"}


def test_every_setting_read_from_the_environment_is_in_env_example():
    """README "Production" points to .env.example for every setting: none may be missing."""
    read = set()
    for source in ("config/settings.py", "config/gunicorn.conf.py"):
        text = (ROOT / source).read_text()
        read |= set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', text))
        read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', text))
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read and read <= listed, sorted(read - listed)
