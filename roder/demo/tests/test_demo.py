import pytest
from django.core.management import call_command
from django.urls import reverse

from roder.demo.personas import DEMO_PASSWORD, PERSONAS
from roder.organisation.models import Organisation, Unit

pytestmark = pytest.mark.django_db


def codes_below(slug: str, code: str) -> list[str]:
    unit = Unit.objects.get(organisation__slug=slug, code=code)
    return list(Unit.objects.filter(parent=unit).order_by("name").values_list("name", flat=True))


def test_it_builds_upplands_vasby_from_seeds_004_and_002(demo):
    assert codes_below("upplands-vasby", "AU") == ["Stöd & process"]
    assert codes_below("upplands-vasby", "SP") == [
        "IT-enheten",
        "Kanslienheten",
        "Kommunikationsenheten",
        "Löneenheten",
        "Specialistenheten",
        "Väsby Direkt",
    ]
    chain = Unit.objects.get(organisation__slug="upplands-vasby", code="SP-VD")
    names = [u.name for u in Unit.objects.filter(pk__in=chain.ancestor_ids).order_by("depth")]
    assert names == [
        "Upplands Väsby kommun",
        "Kommunfullmäktige",
        "Kommunstyrelsen",
        "Allmänna utskottet",
        "Stöd & process",
    ]


def test_it_builds_stockholm_from_seeds_000_and_001(demo):
    assert codes_below("stockholm", "TK-STAB") == ["Nämndsekretariatet"]
    assert len(codes_below("stockholm", "SF-EA")) == 4
    assert Organisation.objects.get(slug="stockholm").municipality_code == "0180"


def test_the_dissolved_specialistenhet_shows_only_in_the_old_tree(demo):
    import datetime

    spec = Unit.objects.get(code="SP-SPEC")
    assert not spec.is_active
    assert spec.is_valid_on(datetime.date(2025, 6, 1))


@pytest.mark.parametrize("username", [p[0] for p in PERSONAS])
def test_every_persona_logs_in_and_sees_their_unit(demo, client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    persona = next(p for p in PERSONAS if p[0] == username)
    unit = Unit.objects.get(organisation__slug=persona[4], code=persona[5])
    response = client.get(
        reverse("organisation:unit_detail", kwargs={"org": persona[4], "pk": unit.pk})
    )
    assert response.status_code == 200


def test_admin_walks_both_organisations(demo, client):
    client.login(username="admin", password=DEMO_PASSWORD)
    for slug, unit in [("upplands-vasby", "Väsby Direkt"), ("stockholm", "Nämndsekretariatet")]:
        assert (
            unit in client.get(reverse("organisation:tree", kwargs={"org": slug})).content.decode()
        )


def test_load_demo_leaves_existing_data_alone(db, capsys):
    call_command("load_demo")
    units = Unit.objects.count()
    call_command("load_demo")
    assert Unit.objects.count() == units
    assert "already loaded" in capsys.readouterr().out
