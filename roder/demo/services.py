"""Builds the demo municipality from the seed documents (see README.md for the sources)."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from roder.actions.models import Action
from roder.demo.actions import build_actions
from roder.demo.complaints import build_complaint_statistics, build_complaints
from roder.demo.control import build_control
from roder.demo.economy import build_economy
from roder.demo.kolada import build_kolada
from roder.demo.personas import DEMO_PASSWORD, PERSONAS
from roder.demo.plans import build_plans
from roder.demo.quality import build_quality
from roder.demo.scorecard import build_scorecard
from roder.demo.surveys import build_surveys
from roder.demo.wheel import build_wheel
from roder.followup.models import Outcome
from roder.indicators.models import Indicator
from roder.notices import services as notice_services
from roder.organisation import services as org_services
from roder.organisation.models import Organisation, Unit, UnitKind
from roder.planning.models import Goal

START = datetime.date(2000, 1, 1)

# (code, name, kind, children[, valid_to]); the lengths differ, so mypy cannot infer the
# nested literals as one precise tuple type: unpacked in _add_children.
type UnitNode = tuple[Any, ...]
# (organisation code, name, the root's children)
type Tree = tuple[str, str, list[UnitNode]]

VASBY: Tree = (
    "0114",
    "Upplands Väsby kommun",
    [
        (
            "KF",
            "Kommunfullmäktige",
            UnitKind.COMMITTEE,
            [
                (
                    "KS",
                    "Kommunstyrelsen",
                    UnitKind.COMMITTEE,
                    [
                        (
                            "AU",
                            "Allmänna utskottet",
                            UnitKind.COMMITTEE,
                            [
                                (
                                    "SP",
                                    "Stöd & process",
                                    UnitKind.ADMINISTRATION,
                                    [
                                        ("SP-VD", "Väsby Direkt", UnitKind.UNIT, []),
                                        ("SP-KOM", "Kommunikationsenheten", UnitKind.UNIT, []),
                                        ("SP-IT", "IT-enheten", UnitKind.UNIT, []),
                                        ("SP-KANS", "Kanslienheten", UnitKind.UNIT, []),
                                        ("SP-LON", "Löneenheten", UnitKind.UNIT, []),
                                        # Seed 004: "Specialistenheten upplöses" — its services
                                        # move to kommunledningen. Ended, so the old tree shows it.
                                        (
                                            "SP-SPEC",
                                            "Specialistenheten",
                                            UnitKind.UNIT,
                                            [],
                                            datetime.date(2025, 12, 31),
                                        ),
                                    ],
                                )
                            ],
                        )
                    ],
                )
            ],
        )
    ],
)

STOCKHOLM: Tree = (
    "0180",
    "Stockholms stad",
    [
        (
            "KF",
            "Kommunfullmäktige",
            UnitKind.COMMITTEE,
            [
                (
                    "TN",
                    "Trafiknämnden",
                    UnitKind.COMMITTEE,
                    [
                        (
                            "TK",
                            "Trafikkontoret",
                            UnitKind.ADMINISTRATION,
                            [
                                (
                                    "TK-STAB",
                                    "Stab",
                                    UnitKind.DEPARTMENT,
                                    [("TK-STAB-NS", "Nämndsekretariatet", UnitKind.UNIT, [])],
                                )
                            ],
                        )
                    ],
                ),
                (
                    "SN",
                    "Servicenämnden",
                    UnitKind.COMMITTEE,
                    [
                        (
                            "SF",
                            "Serviceförvaltningen",
                            UnitKind.ADMINISTRATION,
                            [
                                (
                                    "SF-EA",
                                    "Verksamhetsområde ekonomiadministration",
                                    UnitKind.DEPARTMENT,
                                    [
                                        ("SF-EA-KR", "Kundreskontra", UnitKind.UNIT, []),
                                        ("SF-EA-LR", "Leverantörsreskontra", UnitKind.UNIT, []),
                                        ("SF-EA-KB", "Kassa/bank och inkasso", UnitKind.UNIT, []),
                                        (
                                            "SF-EA-RS",
                                            "Redovisning och systemförvaltning",
                                            UnitKind.UNIT,
                                            [],
                                        ),
                                    ],
                                )
                            ],
                        )
                    ],
                ),
            ],
        )
    ],
)

ORGANISATIONS = [("upplands-vasby", VASBY), ("stockholm", STOCKHOLM)]


def demo_is_loaded() -> bool:
    return Organisation.objects.filter(slug__in=[slug for slug, _tree in ORGANISATIONS]).exists()


@transaction.atomic
def build_demo() -> dict[str, int]:
    """Create both demo organisations, their trees and the persona accounts. The notifications
    that building makes (reports submitted, actions given) are kept, but not mailed."""
    with notice_services.without_mail():
        return _build_demo()


def _build_demo() -> dict[str, int]:
    for slug, (code, name, children) in ORGANISATIONS:
        organisation = org_services.organisation_create(
            name=name, slug=slug, root_code=code, municipality_code=code, by=None
        )
        root = Unit.objects.get(organisation=organisation, parent=None)
        _add_children(root, children)
    _add_personas()
    build_plans()
    build_scorecard()
    build_actions()
    build_economy()
    build_control()
    build_complaints()
    quality = build_quality()
    build_complaint_statistics()  # after the quality demo, which makes 2010's and 2011's periods
    build_kolada()
    surveys = build_surveys()
    build_wheel()
    return {
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
        "people": get_user_model().objects.count(),
        "goals": Goal.objects.count(),
        "indicators": Indicator.objects.count(),
        "outcomes": Outcome.objects.count(),
        "actions": Action.objects.count(),
        **quality,
        **surveys,
    }


def _add_children(parent: Unit, children: list[UnitNode]) -> None:
    for code, name, kind, grandchildren, *ending in children:
        unit = org_services.unit_create(
            organisation=parent.organisation,
            parent=parent,
            kind=kind,
            code=code,
            name=name,
            valid_from=START,
            valid_to=ending[0] if ending else None,
            by=None,
        )
        _add_children(unit, grandchildren)


def _add_personas() -> None:
    User = get_user_model()
    for username, first, last, title, slug, unit_code, role, _description in PERSONAS:
        organisation = Organisation.objects.get(slug=slug)
        person = User(
            username=username,
            first_name=first,
            last_name=last,
            title=title,
            email=f"{username}@example.se",
            organisation=organisation,
            is_staff=username == "admin",
            is_superuser=username == "admin",
        )
        person.set_password(DEMO_PASSWORD)
        person.save()
        unit = Unit.objects.get(organisation=organisation, code=unit_code)
        org_services.role_grant(person=person, unit=unit, kind=role, by=None)
