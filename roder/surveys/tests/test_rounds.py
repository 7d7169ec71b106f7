"""Starting and running a round from the pages: who may, the recipients (Roder's people or an
uploaded list, a bad list writing nothing), the mails (a fresh link each, nothing about
answers), reminders, closing, and the daily command."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from roder.core.models import HistoryEntry
from roder.surveys import services
from roder.surveys.models import Invitation, Questionnaire, RoundUnit, SurveyRound

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LINK = re.compile(r"http://testserver(/s/p/[^/\s]+/)")


def hme():
    return Questionnaire.objects.get(organisation=None, code="hme")


def create_url(world, unit):
    return reverse(
        "surveys:round_create", kwargs={"org": world.organisation.slug, "unit_pk": unit.pk}
    )


def round_url(world, name, round_):
    return reverse(f"surveys:{name}", kwargs={"org": world.organisation.slug, "pk": round_.pk})


def form(world, units, **extra):
    return {
        "name": "HME 2026",
        "questionnaire": hme().pk,
        "units": [u.pk for u in units],
        "opens_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=14)).isoformat(),
        "access": "open",
        **extra,
    }


def written():
    return (
        SurveyRound.objects.count(),
        RoundUnit.objects.count(),
        Invitation.objects.count(),
        HistoryEntry.objects.count(),
    )


def personal_round(world, emails=("a1@example.se", "a2@example.se", "a3@example.se")):
    round_ = services.round_start(
        organisation=world.organisation,
        questionnaire=hme(),
        owner_unit=world.unit_a,
        units=[world.unit_a],
        name="HME 2026",
        access="personal",
        opens_on=TODAY - datetime.timedelta(days=1),
        closes_on=TODAY + datetime.timedelta(days=14),
        by=world.manager,
        recipients=[(email, None, world.unit_a) for email in emails],
    )
    return round_


# --- creating ---------------------------------------------------------------------------------


def test_who_may_start_a_round_for_enhet_a(world, client_for):
    expected = {
        "admin": 200,
        "controller": 200,
        "manager": 200,
        "reporter": 403,
        "reader": 403,
        "outsider": 404,
    }
    for persona, status in expected.items():
        client = client_for(getattr(world, persona))
        assert client.get(create_url(world, world.unit_a)).status_code == status, persona
    before = written()
    for persona in ("reporter", "reader", "outsider"):
        client = client_for(getattr(world, persona))
        response = client.post(create_url(world, world.unit_a), form(world, [world.unit_a]))
        assert response.status_code in (403, 404)
    assert written() == before


def test_the_choice_of_unit_lists_the_units_one_manages(world, client_for):
    url = reverse("surveys:round_unit_choice", kwargs={"org": world.organisation.slug})
    page = client_for(world.outsider).get(url).content.decode()
    assert "Enhet B" in page and "Enhet A" not in page
    assert client_for(world.reporter).get(url).status_code == 403


def test_a_manager_starts_an_open_round_and_gets_the_links(world, client_for):
    client = client_for(world.controller)
    response = client.post(
        create_url(world, world.administration),
        form(world, [world.unit_a, world.unit_b]),
    )
    round_ = SurveyRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == round_url(world, "round_manage", round_)
    assert round_.owner_unit == world.administration
    assert HistoryEntry.objects.filter(object_id=round_.pk, action="create").exists()
    page = client.get(round_url(world, "round_manage", round_)).content.decode()
    for ru in RoundUnit.objects.filter(round=round_):
        assert f'value="http://testserver/s/o/{ru.token}/"' in page
    assert (
        client_for(world.outsider).get(round_url(world, "round_manage", round_)).status_code == 404
    )
    assert (
        client_for(world.manager).get(round_url(world, "round_manage", round_)).status_code == 404
    )
    assert client_for(world.reader).get(round_url(world, "round_manage", round_)).status_code == 403


def test_units_outside_the_owner_and_bad_dates_are_refused(world, client_for):
    client = client_for(world.manager)
    before = written()
    response = client.post(create_url(world, world.unit_a), form(world, [world.unit_b]))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = client.post(
        create_url(world, world.unit_a),
        form(world, [world.unit_a], closes_on=(TODAY - datetime.timedelta(days=5)).isoformat()),
    )
    assert "kan inte stänga innan den öppnar" in response.content.decode()
    assert written() == before


def test_personal_links_for_the_people_with_roles_on_the_units(world, client_for):
    client = client_for(world.manager)
    client.post(
        create_url(world, world.unit_a),
        form(world, [world.unit_a], access="personal", recipients="roles"),
    )
    round_ = SurveyRound.objects.get()
    emails = set(Invitation.objects.filter(round=round_).values_list("email", flat=True))
    assert emails == {"manager@example.se", "reporter@example.se"}
    assert set(Invitation.objects.values_list("sent_on", flat=True)) == {None}
    assert mail.outbox == []


def test_personal_links_from_an_uploaded_list(world, client_for):
    client = client_for(world.controller)
    content = "e-post;enhet\nanna@example.se;A\nBo@Example.se;b\n\nanna@example.se;A\n"
    upload = SimpleUploadedFile("lista.csv", content.encode())
    response = client.post(
        create_url(world, world.administration),
        form(
            world,
            [world.unit_a, world.unit_b],
            access="personal",
            recipients="file",
            recipient_list=upload,
        ),
    )
    assert response.status_code == 302
    rows = set(Invitation.objects.values_list("email", "unit__code"))
    assert rows == {("anna@example.se", "A"), ("bo@example.se", "B")}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "anna@example.se;A\ninte-en-adress;A\n",
            "Rad 2: ”inte-en-adress” är inte en e-postadress.",
        ),
        ("anna@example.se\n", "ange enhetens kod efter adressen"),
        ("anna@example.se;X\n", "Rad 1: ”X” är inte koden för någon av de valda enheterna."),
        ("\n\n", "Listan innehåller ingen e-postadress."),
    ],
)
def test_a_bad_list_is_reported_in_swedish_and_nothing_is_written(
    world, client_for, content, message
):
    client = client_for(world.controller)
    before = written()
    upload = SimpleUploadedFile("lista.csv", content.encode())
    response = client.post(
        create_url(world, world.administration),
        form(
            world,
            [world.unit_a, world.unit_b],
            access="personal",
            recipients="file",
            recipient_list=upload,
        ),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert written() == before


# --- sending, reminding, closing -----------------------------------------------------------


def test_sending_mails_each_a_fresh_link_that_works(world, client_for):
    round_ = personal_round(world)
    client = client_for(world.manager)
    page = client.get(round_url(world, "round_manage", round_)).content.decode()
    assert "Skicka inbjudningarna med e-post" in page
    response = client.post(round_url(world, "round_send", round_))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a1@example.se",
        "a2@example.se",
        "a3@example.se",
    ]
    for message in mail.outbox:
        path = LINK.search(message.body).group(1)
        assert client.get(path).status_code == 200
    assert set(Invitation.objects.values_list("sent_on", flat=True)) == {TODAY}
    assert HistoryEntry.objects.filter(object_id=round_.pk, changes__sent__after=3).exists()
    client.post(round_url(world, "round_send", round_))  # nothing left to send
    assert len(mail.outbox) == 3
    page = client.get(round_url(world, "round_manage", round_)).content.decode()
    assert "Inbjudningar skickade" in page and ">Sent" not in page


def test_reminders_go_to_those_who_have_not_answered_and_say_nothing_of_answers(world, client_for):
    round_ = personal_round(world)
    client = client_for(world.manager)
    client.post(round_url(world, "round_send", round_))
    links = {m.to[0]: LINK.search(m.body).group(1) for m in mail.outbox}
    token = links["a1@example.se"].split("/")[3]
    invitation = services.invitation_for(token)
    questions = list(hme().questions.all())
    services.answer_personal(
        invitation=invitation, values={q.pk: 4 for q in questions}, today=TODAY
    )
    draft_token = links["a2@example.se"].split("/")[3]
    services.draft_save(
        invitation=services.invitation_for(draft_token),
        values={questions[0].pk: 2},
        today=TODAY,
    )
    mail.outbox.clear()
    client.post(round_url(world, "round_remind", round_))
    assert sorted(m.to[0] for m in mail.outbox) == ["a2@example.se", "a3@example.se"]
    bodies = [LINK.sub("LINK", m.body) for m in mail.outbox]
    assert bodies[0] == bodies[1]  # the same words for everyone
    for text in bodies + [m.subject for m in mail.outbox]:
        for word in ("har svarat", "utkast", "a1@", "Fråga", "antal"):
            assert word not in text, word
    # the old link no longer works, the new one keeps the saved draft
    assert services.invitation_for(draft_token) is None
    fresh = next(m for m in mail.outbox if m.to[0] == "a2@example.se")
    kept = services.invitation_for(LINK.search(fresh.body).group(1).split("/")[3])
    assert kept.draft == {str(questions[0].pk): 2}
    page = client.get(round_url(world, "round_manage", round_)).content.decode()
    assert "a1@example.se" not in page and "a2@example.se" not in page


def test_the_owner_closes_the_round_and_the_sibling_cannot(world, client_for):
    round_ = personal_round(world)
    before = written()
    for persona in ("outsider", "reporter", "reader"):
        client = client_for(getattr(world, persona))
        for name in ("round_close", "round_send", "round_remind"):
            assert client.post(round_url(world, name, round_)).status_code in (403, 404)
    assert written() == before and mail.outbox == []
    client = client_for(world.manager)
    client.post(round_url(world, "round_close", round_))
    round_.refresh_from_db()
    assert round_.status == "closed"
    response = client.post(round_url(world, "round_send", round_), follow=True)
    assert "stängd" in response.content.decode() and mail.outbox == []


@pytest.mark.parametrize("size", [1, 6])
def test_the_round_page_reads_in_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries, size
):
    from roder.testing import add_units

    units = add_units(world.unit_a, size)
    round_ = services.round_start(
        organisation=world.organisation,
        questionnaire=hme(),
        owner_unit=world.unit_a,
        units=units,
        name="HME",
        access="personal",
        opens_on=TODAY,
        closes_on=TODAY,
        by=None,
        recipients=[(f"p{n}@example.se", None, unit) for n, unit in enumerate(units)],
    )
    client = client_for(world.manager)
    with django_assert_max_num_queries(14):
        assert client.get(round_url(world, "round_manage", round_)).status_code == 200


def test_the_daily_command_closes_ended_rounds_once_and_deletes_drafts(world):
    from io import StringIO

    ended = personal_round(world)
    SurveyRound.objects.filter(pk=ended.pk).update(
        opens_on=TODAY - datetime.timedelta(days=20), closes_on=TODAY - datetime.timedelta(days=1)
    )
    Invitation.objects.filter(round=ended).update(draft={"1": 3})
    running = personal_round(world, emails=("b@example.se",))
    out = StringIO()
    call_command("surveys_close_ended", stdout=out)
    assert "Closed 1" in out.getvalue()
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.status, running.status) == ("closed", "open")
    assert not Invitation.objects.filter(round=ended).exclude(draft={}).exists()
    entries = HistoryEntry.objects.count()
    call_command("surveys_close_ended", stdout=out)
    assert "Closed 0" in out.getvalue() and HistoryEntry.objects.count() == entries
