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


@pytest.fixture(autouse=True)
def _kolada_is_never_reached(settings):
    """Nothing in the tests reaches the internet: Kolada is a local test server where a test
    needs it (roder/kolada/testing.py), and a closed local port everywhere else."""
    settings.RODER_KOLADA_URL = "http://127.0.0.1:9/v3"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """A test that asks for the demo uses the database (pytest-django then creates it and runs
    the test in its place among the others), transactionally where it has a live server."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "demo" in names and item.get_closest_marker("django_db") is None:
            committed = bool({"transactional_db", "live_server"} & set(names))
            item.add_marker(pytest.mark.django_db(transaction=committed))


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request):
    """Each pytest-xdist worker its own test database, as pytest-django names them (test_roder
    → test_roder_gw0), except on SQLite, whose test database is in memory, one per worker
    process. pytest-django knows SQLite by Django's engine name; Roder's engine
    (roder/core/db) is another name, so it is told here."""
    from django.conf import settings

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if not worker:
        return
    for database in settings.DATABASES.values():
        test = database.setdefault("TEST", {})
        if "sqlite" in database["ENGINE"] and test.get("NAME") in (None, "", ":memory:"):
            continue
        test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_{worker}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database (one per xdist worker), with its migrated state kept for
    the demo's snapshot (roder/demo/testing.py)."""
    from roder.demo.testing import remember_base

    with django_db_blocker.unblock():
        remember_base()


@pytest.fixture
def demo(request):
    """The demo (roder/demo), restored from a snapshot built once per test process: inside the
    test's transaction, or committed where the test uses transactional_db or live_server."""
    from roder.demo.testing import restore_demo

    committed = {"transactional_db", "live_server"} & set(request.fixturenames)
    request.getfixturevalue("transactional_db" if committed else "db")
    restore_demo()


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
