from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from roder.quality.testing import make_entry, make_evaluation, make_finding


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


@pytest.fixture
def data(world):
    """An evaluation of Enhet A with a finding, and an entry of Enhet A (with an answer to
    question 5 and the feedback row of area 1)."""
    evaluation = make_evaluation(world.unit_a)
    finding = make_finding(evaluation)
    entry = make_entry(world.unit_a)
    area = evaluation.framework.areas.get(number=1)
    return SimpleNamespace(
        evaluation=evaluation,
        finding=finding,
        entry=entry,
        area=area,
        answer=entry.answers.get(question__number=5),
        feedback=entry.feedback.get(area__number=1),
    )
