import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the msgids), whatever the Swedish catalogue says."""
    with translation.override("en"):
        yield
