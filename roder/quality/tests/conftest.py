import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the msgids), whatever the Swedish catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client_for):
    """The pages in English too: the language switch's cookie (LanguageMiddleware)."""

    def login(person):
        client = client_for(person)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login
