import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The client's and services' messages are matched by their English msgids."""
    with translation.override("en"):
        yield
