import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from roder.api import auth, services
from roder.api.models import ApiToken, Scope
from roder.api.testing import bearer, expire, make_token
from roder.core.models import HistoryEntry
from roder.organisation.access import grants_for
from roder.organisation.models import Role
from roder.testing import make_organisation, make_person

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/o/testkommun/units"


def test_it_shows_the_secret_once_and_keeps_only_its_digest(world):
    token, secret = make_token(world.reporter, world.organisation)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("roder_") and len(secret) > 40
    assert stored.digest == services.digest_of(secret) != secret
    assert secret not in {stored.prefix, stored.name, stored.digest}
    assert stored.prefix == secret[:12]
    assert HistoryEntry.objects.filter(object_id=token.pk, action="create").exists()


def test_it_answers_a_good_token_and_notes_its_use(client, world):
    token, secret = make_token(world.reporter, world.organisation)
    response = client.get(UNITS, **bearer(secret))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz", "Token roder_x"],
)
def test_it_refuses_a_bad_token(client, world, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get(UNITS, **extra).status_code == 401


def test_it_refuses_an_expired_token(client, world):
    token, secret = make_token(world.reporter, world.organisation)
    expire(token)
    assert client.get(UNITS, **bearer(secret)).status_code == 401


def test_it_refuses_a_revoked_token(client, world):
    token, secret = make_token(world.reporter, world.organisation)
    services.token_revoke(token=token, expected_version=token.version, by=world.reporter)
    assert client.get(UNITS, **bearer(secret)).status_code == 401
    entry = HistoryEntry.objects.filter(object_id=token.pk, action="update").get()
    assert "revoked_at" in entry.changes


def test_it_refuses_the_token_of_a_deactivated_person(client, world):
    _token, secret = make_token(world.reporter, world.organisation)
    world.reporter.is_active = False
    world.reporter.save(update_fields=["is_active"])
    assert client.get(UNITS, **bearer(secret)).status_code == 401


def test_it_hides_another_organisation_from_a_token(client, world):
    other = make_organisation("Annan kommun", "annan")
    make_person(other, "annan-admin", role="administrator", unit=other.units.get(parent=None))
    _token, secret = make_token(world.admin, world.organisation)
    response = client.get("/api/v1/o/annan/units", **bearer(secret))
    assert response.status_code == 404
    assert client.get("/api/v1/o/ingen/units", **bearer(secret)).status_code == 404


def test_it_refuses_a_role_above_the_creators(world):
    grants = grants_for(world.reporter, world.organisation)
    with pytest.raises(ValidationError):
        services.token_create(
            grants=grants,
            kind="personal",
            name="För mycket",
            role="unit_manager",
            scopes=[Scope.READ],
            expires_on=timezone.localdate() + datetime.timedelta(days=5),
            by=world.reporter,
        )
    assert not ApiToken.objects.exists()


def test_it_refuses_a_role_on_a_unit_the_creator_does_not_hold(world):
    with pytest.raises(ValidationError):
        make_token(world.manager, world.organisation, role="unit_manager", unit=world.unit_b)


@pytest.mark.parametrize("days", [0, -1, 400])
def test_it_refuses_an_expiry_not_within_a_year(world, days):
    grants = grants_for(world.reporter, world.organisation)
    with pytest.raises(ValidationError):
        services.token_create(
            grants=grants,
            kind="personal",
            name="Fel datum",
            role="reader",
            scopes=[Scope.READ],
            expires_on=timezone.localdate() + datetime.timedelta(days=days),
            by=world.reporter,
        )


def test_it_lets_only_organisation_administrators_make_service_tokens(world):
    with pytest.raises(PermissionDenied):
        make_token(world.controller, world.organisation, kind="service")
    token, _secret = make_token(world.admin, world.organisation, kind="service")
    assert token.kind == "service"


def test_it_cuts_the_tokens_grants_to_its_unit_and_role(world):
    token, _secret = make_token(world.admin, world.organisation, role="reporter", unit=world.unit_a)
    grants = auth.token_grants(token)
    assert grants.roles == ((world.unit_a.path, "reporter"),)
    assert not grants.is_superuser
    assert not grants.can_see(world.unit_b)


def test_it_takes_a_lost_role_from_the_token(client, world):
    _token, secret = make_token(world.reporter, world.organisation)
    before = client.get(UNITS, **bearer(secret)).json()
    assert [row["id"] for row in before["results"]] == [world.unit_a.pk]
    Role.objects.filter(person=world.reporter).delete()
    after = client.get(UNITS, **bearer(secret)).json()
    assert after["count"] == 0


def test_it_gives_a_superusers_token_no_more_than_its_role(world):
    world.reader.is_superuser = True
    world.reader.save(update_fields=["is_superuser"])
    token, _secret = make_token(world.reader, world.organisation, role="reader")
    grants = auth.token_grants(token)
    assert grants.roles == ((world.municipality.path, "reader"),)


def test_it_limits_the_requests_of_a_token(client, world, monkeypatch):
    monkeypatch.setattr(auth, "RATE", auth.ratelimit.Rule("token", 2, 30, 60, 3600))
    _token, secret = make_token(world.reporter, world.organisation)
    assert client.get(UNITS, **bearer(secret)).status_code == 200
    assert client.get(UNITS, **bearer(secret)).status_code == 200
    refused = client.get(UNITS, **bearer(secret))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # Another token of the same person is counted on its own.
    _other, second = make_token(world.reporter, world.organisation)
    assert client.get(UNITS, **bearer(second)).status_code == 200


def test_it_checks_the_scopes(client, world, data):
    _token, secret = make_token(world.reporter, world.organisation, scopes=[Scope.OUTCOMES_WRITE])
    assert client.get(UNITS, **bearer(secret)).status_code == 403
    _token, read = make_token(world.reporter, world.organisation, scopes=[Scope.READ])
    body = {
        "indicator": data["indicator_a"].pk,
        "unit": world.unit_a.pk,
        "period": data["period"].pk,
        "value": "75",
        "version": data["outcome_a"].version,
    }
    response = client.put(
        "/api/v1/o/testkommun/outcomes", body, content_type="application/json", **bearer(read)
    )
    assert response.status_code == 403
    response = client.post(
        "/api/v1/o/testkommun/actions",
        {"unit": world.unit_a.pk, "title": "Ny"},
        content_type="application/json",
        **bearer(read),
    )
    assert response.status_code == 403
