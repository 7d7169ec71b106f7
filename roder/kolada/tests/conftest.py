import os

import pytest
from django.utils import translation

from roder.kolada import services
from roder.kolada.client import Client
from roder.kolada.testing import serve_catalogue


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The client's and services' messages are matched by their English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def kolada(httpserver, settings):
    """A local Kolada (pytest-httpserver) with the fixture catalogue, loaded into Roder."""
    settings.RODER_KOLADA_URL = httpserver.url_for("/v3")
    serve_catalogue(httpserver)
    with Client() as client:
        services.load_catalogue(client)
    return httpserver


@pytest.fixture
def vasby(world):
    """The test world's organisation as Upplands Väsby (0114, Stockholms län)."""
    world.organisation.municipality_code = "0114"
    world.organisation.save()
    for unit in (world.unit_a, world.unit_b):
        unit.organisation = world.organisation  # the indicators' owners read the same one
    return world


def pytest_collection_modifyitems(config, items):
    """Tests marked `live` reach the real Kolada: skipped unless asked for by `-m live` or
    RODER_KOLADA_LIVE=1."""
    asked = (
        "live" in (config.getoption("markexpr") or "").split()
        or os.environ.get("RODER_KOLADA_LIVE") == "1"
    )
    if asked:
        return
    skip = pytest.mark.skip(reason="reaches the real Kolada: run with -m live")
    for item in items:
        if item.get_closest_marker("live") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _live_reaches_kolada(request, settings):
    """A live test asks the real Kolada (the root conftest closes it for every other test)."""
    if request.node.get_closest_marker("live") is not None:
        settings.RODER_KOLADA_URL = os.environ.get(
            "RODER_KOLADA_LIVE_URL", "https://api.kolada.se/v3"
        )
