"""A task for the tests of the task worker (test_production.py): it only waits a little."""

import time

from django.tasks import task


@task
def wait_a_little(number: int) -> int:
    time.sleep(0.02)
    return number
