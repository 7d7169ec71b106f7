"""Steps of work on a row that shows its progress (`core.models.TaskProgress`), such as the check
and the import of a big file: a service queues the step, an app's task runs it (Django's task
framework, like `documents.tasks`), and the row keeps how far it came and what it found."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from roder.core.htmx import is_htmx
from roder.core.models import TaskProgress, TaskState

# How often a step writes its progress: every this many rows.
PROGRESS_EVERY = 500


def queue_step(obj: TaskProgress, step: str, task: Any) -> None:
    """Mark the row as waiting for `step` and enqueue `task(obj.pk)` once this transaction has
    committed (so the worker finds the row as it is now)."""
    values = {
        "task_step": step,
        "task_state": TaskState.QUEUED,
        "progress": 0,
        "task_result": {},
        "task_finished_at": None,
    }
    type(obj)._default_manager.filter(pk=obj.pk).update(**values)
    for name, value in values.items():
        setattr(obj, name, value)
    transaction.on_commit(lambda: task.enqueue(obj.pk))


def run_step(
    obj: TaskProgress, step: str, work: Callable[[Callable[[float], None]], dict[str, Any]]
) -> bool:
    """Run `work(progress)` if `step` is queued on the row; `progress(share)` stores how far it
    came (0–1), the dict it returns is stored as the result. A step delivered twice runs once.
    An unexpected error marks the step failed and is raised again, for the worker's log."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if not rows.filter(task_step=step, task_state=TaskState.QUEUED).update(
        task_state=TaskState.RUNNING, progress=1
    ):
        return False

    def progress(share: float) -> None:
        rows.update(progress=max(1, min(99, round(share * 100))))

    try:
        result = work(progress)
    except Exception:
        rows.update(task_state=TaskState.FAILED, task_finished_at=timezone.now())
        raise
    rows.update(
        task_state=TaskState.DONE, progress=100, task_result=result, task_finished_at=timezone.now()
    )
    return True


def every(rows: int, total: int | None, progress: Callable[[float], None] | None) -> None:
    """Call `progress` now and then while reading row `rows` of about `total`."""
    if progress is not None and total and rows % PROGRESS_EVERY == 0:
        progress(min(rows / total, 1))


def poll_response(
    request: HttpRequest, obj: TaskProgress, template: str = "core/_progress.html"
) -> HttpResponse | None:
    """For htmx's poll of a page that waits on a task: the progress region while the step runs
    (`template`, given `work`), a full reload once it has finished; None for any other request."""
    if not is_htmx(request):
        return None
    if obj.task_busy:
        return render(request, template, {"work": obj})
    response = HttpResponse(status=204)
    response["HX-Refresh"] = "true"
    return response
