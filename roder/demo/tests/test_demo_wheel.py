"""The demo's annual wheel: Upplands Väsby's meetings and APT, Stockholm's kalendarium items,
and the dates Roder knows (periods, control reporting, survey rounds) on Väsby Direkt's wheel."""

import pytest

from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Unit
from roder.wheel import selectors
from roder.wheel.models import PublicFeed, WheelEvent

pytestmark = pytest.mark.django_db


def test_vasby_direkts_wheel_holds_its_meetings_and_the_known_dates(demo):
    from django.contrib.auth import get_user_model

    reporter = get_user_model().objects.get(username="rapportor")
    vasby = Organisation.objects.get(slug="upplands-vasby")
    direkt = Unit.objects.get(organisation=vasby, code="SP-VD")
    wheel = selectors.wheel_of(grants_for(reporter, vasby), 2026, unit=direkt)
    kinds = {o.kind for month in wheel.months for o in month.occurrences}
    assert {"periods", "control", "surveys", "meeting", "apt", "budget"} <= kinds
    apt = [o for m in wheel.months for o in m.occurrences if o.title == "APT Väsby Direkt"]
    assert len(apt) == 10  # every month but July, New Year's Day left out
    assert "Allmänna utskottets sammanträde" in {
        o.title for m in wheel.months for o in m.occurrences
    }
    assert PublicFeed.objects.get(unit__code="SP", unit__organisation=vasby).public


def test_stockholms_kalendarium_items_from_seed_000(demo):
    titles = set(
        WheelEvent.objects.filter(organisation__slug="stockholm").values_list("title", flat=True)
    )
    assert {"Verksamhetsberättelse till nämnden", "Budget till nämnden"} <= titles
