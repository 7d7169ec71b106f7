"""Demo complaints (M11): Upplands Väsby's "Synpunkt Väsby" (seed 002) with a few open cases
at Väsby Direkt, built through the complaints services. The dates follow today, so one case is
always overdue and one always answered."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from roder.complaints import services
from roder.complaints.attachments import Upload
from roder.complaints.models import AnswerChannel, CaseKind, CaseStatus, Channel
from roder.organisation.models import Organisation, Unit

# (public name, unit code): the services the public chooses among on Synpunkt Väsby.
VASBY_SERVICES = [
    ("Väsby Direkt – kundtjänst", "SP-VD"),
    ("E-tjänster och webbplatsen", "SP-IT"),
    ("Information och kommunikation", "SP-KOM"),
    ("Politiska möten och protokoll", "SP-KANS"),
]


def build_complaints() -> None:
    _vasby()


def _vasby() -> None:
    vasby = Organisation.objects.get(slug="upplands-vasby")
    units = {unit.code: unit for unit in Unit.objects.filter(organisation=vasby)}
    services.settings_save(
        organisation=vasby,
        expected_version=0,
        by=None,
        form_title="Synpunkt Väsby",
        form_open=True,
        receiving_unit=units["SP-VD"],
        number_pattern="KS {year}/{number}",
        acknowledge_days=2,
        answer_days=10,
        data_controller="Kommunstyrelsen i Upplands Väsby kommun",
        data_contact="Kommunens dataskyddsombud, via Väsby Direkt",
        retention_months=24,
    )
    offered = {
        name: services.service_create(
            organisation=vasby, name=name, unit=units[code], order=order, by=None
        )
        for order, (name, code) in enumerate(VASBY_SERVICES)
    }
    people = {p.username: p for p in get_user_model().objects.filter(organisation=vasby)}
    today = timezone.localdate()
    handler = people["rapportor"]

    # Overdue: three weeks old, acknowledged, still under investigation.
    late = services.case_register(
        organisation=vasby,
        kind=CaseKind.COMPLAINT,
        channel=Channel.WEB,
        service=offered["E-tjänster och webbplatsen"],
        description=(
            "Jag har försökt anmäla ett fel på gatubelysningen i e-tjänsten tre gånger, men "
            "formuläret tar aldrig emot min anmälan. Ingen har hört av sig."
        ),
        name="Maria Lind",
        email="maria.lind@example.se",
        received_on=today - datetime.timedelta(days=21),
        by=None,
    )
    late = services.case_assign(
        case=late, unit=units["SP-VD"], handler=handler, expected_version=1, by=None
    )
    for status in (CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING):
        late = services.case_set_status(
            case=late,
            status=status,
            expected_version=late.version,
            by=handler,
            today=late.received_on + datetime.timedelta(days=1),
        )
    services.case_add_note(
        case=late, text="IT-enheten felsöker formuläret för felanmälan.", by=handler
    )

    # Answered by phone, a week after it came in.
    answered = services.case_register(
        organisation=vasby,
        kind=CaseKind.SUGGESTION,
        channel=Channel.PHONE,
        service=offered["Väsby Direkt – kundtjänst"],
        description="Förslag: ha öppet i Väsby Direkt en kväll i veckan för oss som arbetar dagtid",
        name="Ahmed Yusuf",
        phone="070-000 00 00",
        received_on=today - datetime.timedelta(days=10),
        by=handler,
    )
    services.case_answer(
        case=answered,
        text=(
            "Tack för ditt förslag. Från nästa månad har Väsby Direkt öppet till kl. 19 på "
            "torsdagar."
        ),
        channel=AnswerChannel.PHONE,
        expected_version=1,
        by=handler,
        today=today - datetime.timedelta(days=3),
    )

    # Just in: a question, and anonymous praise from the public form.
    services.case_register(
        organisation=vasby,
        kind=CaseKind.QUESTION,
        channel=Channel.MAIL,
        service=offered["Politiska möten och protokoll"],
        description="När publiceras protokollet från kommunstyrelsens senaste sammanträde?",
        email="fraga@example.se",
        received_on=today - datetime.timedelta(days=1),
        by=handler,
    )
    services.case_register(
        organisation=vasby,
        kind=CaseKind.PRAISE,
        service=offered["Väsby Direkt – kundtjänst"],
        description="Tack till personen i receptionen som hjälpte min mamma med blanketterna!",
        anonymous=True,
        received_on=today,
        by=None,
    )

    # From the public form, with a photo: a complaint about the web site.
    services.case_submit(
        organisation=vasby,
        kind=CaseKind.COMPLAINT,
        service=offered["E-tjänster och webbplatsen"],
        description=(
            "Knappen Skicka i e-tjänsten för parkeringstillstånd syns inte på min telefon. "
            "Jag bifogar en skärmbild."
        ),
        name="Karin Ek",
        email="karin.ek@example.se",
        uploads=[Upload("skarmbild.png", _SCREENSHOT)],
    )


# A small PNG (8 × 8, grey), the demo's attachment.
_SCREENSHOT = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000080000000808020000004b6d29dc0000"
    "001549444154789c633c71e2040336c0845574d04a0000d7270268e338aa9500000000"
    "49454e44ae426082"
)
