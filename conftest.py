import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from roder.testing import build_world

# Generated-input tests (hypothesis) run the same examples on every machine and keep no example
# database in the checkout; a test asks for its own number of examples with @settings.
hypothesis_settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_in_the_request(settings):
    """Document tasks run at once in tests; roder/documents/tests drive the database queue and
    its worker on purpose where the queue itself is under test."""
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["immediate"]}}


@pytest.fixture
def world(db):
    """The small organisation tree with one person per persona (roder/testing.py)."""
    return build_world()


@pytest.fixture
def client_for(client):
    """client_for(person) -> a test client logged in as that person (None: anonymous)."""

    def login(person):
        client.logout()
        if person is not None:
            client.force_login(person)
        return client

    return login
