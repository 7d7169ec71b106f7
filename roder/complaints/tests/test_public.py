"""The public form without log-in: validation, attachments checked by content, the honeypot,
the rate limit, the proof of work, the receipt and its mail, and who may download an
attachment."""

import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from roder.complaints import challenge, services
from roder.complaints.attachments import Upload
from roder.complaints.models import Attachment, Case
from roder.complaints.testing import make_service
from roder.core.models import RateLimit
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 20, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def form(world):
    services.settings_save(
        organisation=world.organisation,
        expected_version=0,
        by=None,
        form_title="Synpunkt Testkommun",
        form_open=True,
        number_pattern="KS {year}/{number}",
        data_controller="Kommunstyrelsen i Testkommun",
    )
    service = make_service(world.organisation, "Bygglov", world.unit_a)
    return reverse(
        "complaints:public_form", kwargs={"organisation": world.organisation.slug}
    ), service


def answered() -> str:
    return challenge.solve(challenge.issue())


def post(client, url, **values):
    data = {
        "kind": "complaint",
        "description": "Ingen svarade i telefon på tre dagar.",
        "altcha": answered(),
        **values,
    }
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def nothing_written():
    assert Case.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_the_page_has_the_forms_name_and_says_who_keeps_the_data(client, form):
    url, _service = form
    page = client.get(url).content.decode()
    assert "<h1>Synpunkt Testkommun</h1>" in page
    assert "Personuppgiftsansvarig: Kommunstyrelsen i Testkommun." in page
    assert "24 månader efter att det har avslutats" in page
    assert "<legend>Vad vill du berätta för oss?</legend>" in page
    assert "Bygglov" in page
    assert 'name="website"' in page and 'name="altcha"' in page


def test_a_closed_form_or_an_unknown_organisation_is_not_there(client, world, form):
    url, _service = form
    services.settings_save(
        organisation=world.organisation, expected_version=1, by=None, form_open=False
    )
    assert client.get(url).status_code == 404
    assert client.get("/synpunkter/finns-inte/").status_code == 404


def test_a_submission_is_registered_with_its_number_and_its_receipt(client, world, form):
    url, service = form
    response = post(
        client,
        url,
        service=service.pk,
        name="Anna Andersson",
        email="anna@example.se",
        phone="070-123 45 67",
        attachments=SimpleUploadedFile("bild.png", png(), content_type="image/png"),
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.channel == "web" and case.unit == world.unit_a and case.service == service
    assert case.submitter_email == "anna@example.se"
    assert case.attachments.get().content_type == "image/png"
    receipt = client.get(response["Location"]).content.decode()
    assert case.diary_number in receipt
    assert "Vi har skickat ett kvitto till din e-postadress." in receipt
    assert "Du får vårt svar senast" in receipt and "inom 10 arbetsdagar" in receipt
    assert "Anna" not in receipt and "Ingen svarade" not in receipt
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["anna@example.se"]
    assert sent.subject == f"Vi har tagit emot ditt ärende {case.diary_number}"
    assert "inom 2 arbetsdagar" in sent.body


def test_an_anonymous_submission_keeps_no_contact_data_and_says_it_cannot_be_answered(client, form):
    url, _service = form
    response = post(client, url, anonymous="on", name="Anna", email="anna@example.se")
    case = Case.objects.get()
    assert (case.anonymous, case.submitter_name, case.submitter_email) == (True, "", "")
    assert (
        "Du valde att vara anonym, så vi kan inte svara dig."
        in client.get(response["Location"]).content.decode()
    )
    assert mail.outbox == []


def test_a_mail_that_cannot_be_sent_does_not_lose_the_case(client, form):
    url, _service = form
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("no server")):
        response = post(client, url, email="anna@example.se")
    assert Case.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Vi kunde inte skicka kvittot till din e-postadress." in page


def test_the_receipt_shows_only_its_own_case_and_a_forged_token_nothing(client, world, form):
    url, _service = form
    response = post(client, url)
    location = response["Location"]
    token = location.rstrip("/").rsplit("/", 1)[1]
    assert client.get(location).status_code == 200
    forged = location.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))
    assert client.get(forged).status_code == 404
    other = reverse("complaints:public_receipt", kwargs={"organisation": "annan", "token": token})
    assert client.get(other).status_code == 404
    with mock.patch("django.core.signing.time.time", return_value=9_999_999_999):
        assert client.get(location).status_code == 404


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"kind": None}, "kind", "Välj vad du vill berätta för oss."),
        ({"kind": "spam"}, "kind", "Välj ett giltigt alternativ"),
        ({"description": "  "}, "description", "Skriv vad ditt ärende handlar om."),
        ({"description": "x" * 10_001}, "description", "Skriv högst 10000 tecken."),
        ({"email": "anna@"}, "email", "Skriv en e-postadress som namn@exempel.se."),
        ({"phone": "ring mig"}, "phone", "Skriv ett telefonnummer med siffror"),
        ({"service": "999999"}, "service", "Välj en av verksamheterna i listan."),
    ],
)
def test_each_bad_input_is_refused_in_swedish_and_nothing_written(
    client, form, values, field, message
):
    url, _service = form
    response = post(client, url, **values)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Något behöver rättas" in page
    assert message in page
    assert f'href="#id_{field}' in page
    nothing_written()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("rapport.pdf", "Det här är bara text, ingen PDF.\n".encode())], "rapport.pdf är varken"),
        ([("bild.jpg", b"GIF8 not really")], "bild.jpg är varken"),
        ([("stor.pdf", PDF + b"0" * (5 * 1024 * 1024))], "stor.pdf är större än 5 MB."),
        ([(f"{n}.pdf", PDF) for n in range(4)], "Bifoga högst 3 filer."),
    ],
)
def test_attachments_are_checked_by_content_size_and_number(client, form, files, message):
    url, _service = form
    uploads = [
        SimpleUploadedFile(name, content, content_type="application/pdf") for name, content in files
    ]
    response = post(client, url, attachments=uploads)
    assert message in response.content.decode()
    nothing_written()


def test_a_pdf_and_images_are_stored_by_their_content_under_a_safe_name(world, form):
    services.settings_save(
        organisation=world.organisation, expected_version=1, by=None, form_open=True
    )
    case = services.case_submit(
        organisation=world.organisation,
        kind="complaint",
        description="Se bilagorna",
        uploads=[Upload("../../etc/svar.pdf", PDF), Upload("foto.pdf", png())],
    )
    stored = [(a.name, a.content_type) for a in case.attachments.all()]
    assert stored == [("svar.pdf", "application/pdf"), ("foto.png", "image/png")]


def test_the_honeypot_refuses_and_writes_nothing(client, form):
    url, _service = form
    response = post(client, url, website="http://spam.example")
    assert response.status_code == 400
    assert "fältet som ska lämnas tomt var ifyllt" in response.content.decode()
    nothing_written()


def test_the_rate_limit_refuses_with_a_message_and_stricter_without_the_proof_of_work(client, form):
    url, _service = form
    for _ in range(3):
        assert post(client, url, altcha=None).status_code == 302
    refused = post(client, url, altcha=None)
    assert refused.status_code == 429
    assert "För många försök" in refused.content.decode()
    assert Case.objects.count() == 3
    # With the proof of work the same address still gets through, up to its own limit.
    for _ in range(7):
        assert post(client, url).status_code == 302
    assert post(client, url).status_code == 429
    assert Case.objects.count() == 10
    assert RateLimit.objects.filter(scope__startswith="complaint-form").exists()


@pytest.mark.parametrize("kind", ["wrong number", "bad signature", "expired", "garbage"])
def test_a_bad_proof_of_work_is_refused(client, form, kind):
    url, _service = form
    issued = challenge.issue(
        now=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=3)
        if kind == "expired"
        else None
    )
    good = challenge.solve(issued)
    number = __import__("json").loads(__import__("base64").b64decode(good))["number"]
    answer = {
        "wrong number": challenge.solution(issued, number + 1),
        "bad signature": challenge.solution(
            challenge.Challenge(
                issued.algorithm, issued.challenge, issued.salt, "0" * 64, issued.max_number
            ),
            number,
        ),
        "expired": good,
        "garbage": "bm90IGpzb24=",
    }[kind]
    response = post(client, url, altcha=answer)
    assert response.status_code == 400
    text = "har gått ut" if kind == "expired" else "misslyckades"
    assert text in response.content.decode()
    nothing_written()


def test_a_proof_of_work_is_used_once(client, form):
    url, _service = form
    answer = answered()
    assert post(client, url, altcha=answer).status_code == 302
    again = post(client, url, altcha=answer)
    assert again.status_code == 400
    assert "har redan använts" in again.content.decode()
    assert Case.objects.count() == 1


@override_settings(RODER_COMPLAINT_ATTACHMENTS=1, RODER_COMPLAINT_ATTACHMENT_MB=1)
def test_the_limits_of_attachments_are_settings(client, form):
    url, _service = form
    page = client.get(url).content.decode()
    assert "Högst 1 fil på högst 1 MB" in page


# --- downloads -----------------------------------------------------------------------------

DOWNLOAD = dict.fromkeys(PERSONAS, 200) | {"reader": 404, "outsider": 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_attachment_is_downloaded_only_by_the_cases_handlers(world, client_for, form, persona):
    case = services.case_submit(
        organisation=world.organisation,
        kind="complaint",
        description="Bild",
        service=form[1],
        uploads=[Upload("bild.png", png())],
    )
    attachment = case.attachments.get()
    url = reverse(
        "complaints:attachment_download",
        kwargs={"org": world.organisation.slug, "pk": attachment.pk},
    )
    response = client_for(world.personas[persona]).get(url)
    assert response.status_code == DOWNLOAD[persona]
    if response.status_code == 200:
        assert response.content == png()
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        detail = client_for(world.personas[persona]).get(
            reverse(
                "complaints:case_detail", kwargs={"org": world.organisation.slug, "pk": case.pk}
            )
        )
        assert url in detail.content.decode()


def test_the_settings_page_and_the_list_link_to_the_public_form(world, client_for, form):
    url, _service = form
    admin = client_for(world.admin)
    settings_page = admin.get(
        reverse("complaints:settings", kwargs={"org": world.organisation.slug})
    )
    assert f'href="{url}"' in settings_page.content.decode()
    listed = client_for(world.reporter).get(
        reverse("complaints:case_list", kwargs={"org": world.organisation.slug})
    )
    assert f'href="{url}"' in listed.content.decode()


def test_the_page_speaks_english_second(client, form):
    url, _service = form
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "<legend>What do you want to tell us?</legend>" in page
    assert "Personal data controller (personuppgiftsansvarig)" in page
