"""Document runs through the task framework: queued until a worker takes them (with a progress
bar that polls meanwhile), the database queue and its `db_worker`, and a failing build."""

import signal

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from roder.documents import services
from roder.documents.models import DocumentRun, RunStatus
from roder.documents.tasks import produce_document
from roder.planning.testing import YEAR, make_goal, make_plan

DUMMY = "django.tasks.backends.dummy.DummyBackend"
DATABASE = "django_tasks_db.DatabaseBackend"
POLLING = 'hx-trigger="every 1s"'
FAILED = (
    "The document could not be produced. Try again; if it fails again, tell your administrator."
)


def swedish(msgid: str) -> str:
    with translation.override("sv"):
        return gettext(msgid)


def run_url(world, run) -> str:
    return reverse("documents:run", kwargs={"org": world.organisation.slug, "pk": run.pk})


def download_url(world, run) -> str:
    return reverse("documents:download", kwargs={"org": world.organisation.slug, "pk": run.pk})


def produce_url(world, kind="plan") -> str:
    return reverse(
        "documents:produce",
        kwargs={"org": world.organisation.slug, "unit_pk": world.unit_a.pk, "kind": kind},
    )


@pytest.fixture
def plan(world):
    plan = make_plan(world.unit_a)
    make_goal(plan, "Nöjda kunder")
    return plan


@pytest.mark.django_db
def test_it_leaves_the_run_queued_until_a_worker_takes_it(
    world, client_for, plan, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": DUMMY}}
    client = client_for(world.reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(produce_url(world), {"year": YEAR, "format": "pdf"})
    run = DocumentRun.objects.get()
    assert response.status_code == 302
    assert response.url == run_url(world, run)
    assert run.status == RunStatus.QUEUED
    assert run.created_by == world.reader
    assert not bytes(run.content)
    [enqueued] = default_task_backend.results
    assert enqueued.task.name == produce_document.name
    assert enqueued.args == [run.pk, world.reader.pk]

    page = client.get(run_url(world, run)).content.decode()
    assert "<progress" in page
    assert POLLING in page
    assert f'hx-get="{run_url(world, run)}"' in page
    assert download_url(world, run) not in page
    assert client.get(download_url(world, run)).status_code == 404

    produce_document.call(run.pk, world.reader.pk)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert bytes(run.content).startswith(b"%PDF")
    assert run.progress == 100
    assert run.started_at is not None
    assert run.finished_at is not None
    partial = client.get(run_url(world, run), headers={"HX-Request": "true"}).content.decode()
    for html in (partial, client.get(run_url(world, run)).content.decode()):
        assert download_url(world, run) in html
        assert "<progress" not in html
        assert POLLING not in html
    assert client.get(download_url(world, run)).content == bytes(run.content)

    # A task delivered twice does not produce the file again.
    DocumentRun.objects.filter(pk=run.pk).update(content=b"%PDF kept")
    produce_document.call(run.pk, world.reader.pk)
    assert bytes(DocumentRun.objects.get(pk=run.pk).content) == b"%PDF kept"


@pytest.fixture
def restore_signals():
    """db_worker installs its own SIGINT/SIGTERM/SIGQUIT handlers; give pytest its own back."""
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {name: signal.getsignal(name) for name in names}
    yield
    for name, handler in handlers.items():
        signal.signal(name, handler)


@pytest.mark.django_db(transaction=True)
def test_it_queues_runs_in_the_database_for_the_worker(world, plan, settings, restore_signals):
    settings.TASKS = {"default": {"BACKEND": DATABASE}}
    # Outside a test transaction on_commit fires at once: the run is enqueued as it is created.
    run = services.run_request(
        unit=world.unit_a, kind="plan", fmt="docx", year=YEAR, by=world.manager
    )
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert queued.args_kwargs["args"] == [run.pk, world.manager.pk]

    call_command(
        "db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0
    )

    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert bytes(run.content).startswith(b"PK")
    assert run.size == len(bytes(run.content))
    assert run.created_by == world.manager
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


@pytest.mark.django_db
def test_it_marks_a_run_failed_when_the_document_cannot_be_built(
    world, client_for, plan, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("Builder is broken")

    monkeypatch.setattr(services, "build_document", broken)
    client = client_for(world.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(produce_url(world), {"year": YEAR, "format": "pdf"})
    run = DocumentRun.objects.get()
    assert response.url == run_url(world, run)
    assert run.status == RunStatus.FAILED
    assert run.error == "RuntimeError: Builder is broken"
    assert run.finished_at is not None
    assert not bytes(run.content)

    page = client.get(run_url(world, run)).content.decode()
    assert swedish(FAILED) in page
    assert download_url(world, run) not in page
    assert POLLING not in page
    assert "<progress" not in page
    assert client.get(download_url(world, run)).status_code == 404


def test_it_says_when_a_file_has_waited_long_for_the_worker(world, client_for, settings):
    import datetime

    from django.utils import timezone

    from roder.documents.models import DocumentRun

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    run = DocumentRun.objects.create(
        organisation=world.organisation,
        unit=world.unit_a,
        kind="plan",
        format="pdf",
        year=2026,
        title="Plan",
        created_by=world.reader,
    )
    DocumentRun.objects.filter(pk=run.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    run.refresh_from_db()
    assert run.is_waiting_long
    page = client_for(world.reader).get(f"/o/{world.organisation.slug}/documents/runs/{run.pk}/")
    assert "db_worker" in page.content.decode()


def test_old_produced_files_are_pruned(world):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from roder.documents.models import DocumentRun

    def run(days_ago: int) -> DocumentRun:
        made = DocumentRun.objects.create(
            organisation=world.organisation,
            unit=world.unit_a,
            kind="plan",
            format="pdf",
            year=2026,
            title=f"Plan {days_ago}",
        )
        DocumentRun.objects.filter(pk=made.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
        return made

    old, recent = run(200), run(10)
    call_command("prune_document_runs", days=180)
    assert list(DocumentRun.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not DocumentRun.objects.filter(pk=old.pk).exists()
