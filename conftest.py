import pytest

from roder.testing import build_world


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
