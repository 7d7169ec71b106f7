"""Demo actions: Stöd & process's handlingsplaner (seed 004) and Nämndsekretariatet's
åtgärdslista (seed 000), built through the actions services."""

import datetime

from django.contrib.auth import get_user_model

from roder.actions import services
from roder.actions.models import ActionStatus
from roder.demo.plans import ATGARDSLISTA, HANDLINGSPLANER
from roder.organisation.models import Unit
from roder.planning.models import Goal

YEAR = 2026
STATUS = {
    "Ej påbörjad": ActionStatus.NOT_STARTED,
    "Förslag": ActionStatus.NOT_STARTED,
    "Pågår": ActionStatus.ONGOING,
    "Klar": ActionStatus.DONE,
}
# Väsby Direkt's own items sit on Väsby Direkt with its unit manager responsible; the due
# dates and statuses of the handlingsplaner are not in the seed and were chosen so that the
# list shows every status and some overdue actions.
VASBY_DIREKT_ITEMS = {
    "Felanmälan skall helst ske via elektronisk självbetjäning",
    "Nöjda kunder till Väsby Direkt",
}
SCHEDULE = [
    (datetime.date(YEAR, 3, 31), ActionStatus.DONE),
    (datetime.date(YEAR, 6, 30), ActionStatus.ONGOING),
    (datetime.date(YEAR, 9, 30), ActionStatus.ONGOING),
    (datetime.date(YEAR, 12, 31), ActionStatus.NOT_STARTED),
    (datetime.date(YEAR, 10, 31), ActionStatus.POSTPONED),
]


def build_actions() -> None:
    _vasby()
    _stockholm()


def _person(username: str):
    return get_user_model().objects.get(username=username)


def _vasby() -> None:
    office = Unit.objects.get(organisation__slug="upplands-vasby", code="SP")
    direkt = Unit.objects.get(organisation__slug="upplands-vasby", code="SP-VD")
    n = 0
    for number, items in HANDLINGSPLANER.items():
        goals = list(
            Goal.objects.filter(plan__unit=office, plan__year=YEAR, category__number=number)
        )
        for title, description in items:
            due, status = SCHEDULE[n % len(SCHEDULE)]
            n += 1
            at_direkt = title in VASBY_DIREKT_ITEMS
            action = services.action_create(
                unit=direkt if at_direkt else office,
                title=title,
                description=description,
                responsible=_person("enhetschef") if at_direkt else None,
                starts=datetime.date(YEAR, 1, 1),
                due=due,
                status=status,
                goals=goals,
                by=None,
            )
            if status == ActionStatus.ONGOING:
                services.action_add_note(
                    action=action,
                    by=None,
                    text="Följdes upp på arbetsplatsträffen; arbetet pågår enligt plan.",
                )


def _stockholm() -> None:
    unit = Unit.objects.get(organisation__slug="stockholm", code="TK-STAB-NS")
    manager = _person("sekretariatschef")
    goals = {g.number: g for g in Goal.objects.filter(plan__unit=unit, plan__year=YEAR)}
    for item in ATGARDSLISTA:
        due = _date(item["due_text"])
        description = f"Ansvariga: {item['responsible_text']}."
        if due is None:
            description += f" När: {item['due_text']}."
        action = services.action_create(
            unit=unit,
            title=item["title"],
            description=description,
            responsible=manager if item["responsible_text"] == "Enhetschefen" else None,
            due=due,
            status=STATUS[item["status_text"]],
            goals=[goals[item["goal"]]] if item.get("goal") in goals else [],
            by=None,
        )
        if item.get("comment"):
            services.action_add_note(action=action, text=item["comment"], by=None)


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
