import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the msgids), whatever the Swedish catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_client_for(client_for):
    """client_for, with the language switch set to English (LanguageMiddleware's cookie)."""

    def login(person):
        client = client_for(person)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login
