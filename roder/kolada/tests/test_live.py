"""The real Kolada API's shape, for when Kolada changes: marked `live` and skipped unless asked
for (`pytest -m live roder/kolada/tests/test_live.py`, or RODER_KOLADA_LIVE=1). The only tests
that reach the internet; never part of `make test`. They check what Roder relies on — the
fields, paging, the länssnitt's title, values as numbers — not any figure."""

import os
from decimal import Decimal

import pytest

from roder.kolada.client import Client

LIVE_URL = os.environ.get("RODER_KOLADA_LIVE_URL", "https://api.kolada.se/v3")

pytestmark = pytest.mark.live


@pytest.fixture
def live():
    with Client(LIVE_URL) as client:
        yield client


def test_a_kpi_has_the_fields_roder_keeps(live):
    kpi = live.kpi("N00945")  # a long-lived KKiK-type KPI id; any published one will do
    assert kpi is not None
    assert kpi.title and isinstance(kpi.is_divided_by_gender, bool)
    assert kpi.municipality_type in {"K", "L", "A"}


def test_municipalities_and_the_county_group_are_found(live):
    (vasby,) = live.municipalities(ids=["0114"])
    assert (vasby.id, vasby.type) == ("0114", "K")
    group = live.county_group("Stockholms")
    assert group is not None and "0114" in group.members


def test_values_come_as_numbers_per_gender(live):
    found = live.values(["N00945"], ["0114", "0000"], [2022, 2023])
    assert found, "Kolada answered no values at all"
    assert {v.gender for v in found} <= {"T", "K", "M"}
    assert all(v.value is None or isinstance(v.value, Decimal) for v in found)
    assert {v.target for v in found} <= {"0114", "0000"}
