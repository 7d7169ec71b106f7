"""The demo accounts. All share the password below; the login page lists them in demo mode."""

from django.utils.translation import gettext_lazy as _

from roder.accounts.demo_accounts import DemoAccount

DEMO_PASSWORD = "demo"

# (username, first name, last name, title, organisation slug, unit code, role, description)
PERSONAS = [
    (
        "admin",
        "Alva",
        "Andersson",
        "Systemförvaltare",
        "upplands-vasby",
        "0114",
        "administrator",
        _("Administrator of the whole installation and of Upplands Väsby"),
    ),
    (
        "controller",
        "Cecilia",
        "Carlsson",
        "Kvalitetsstrateg",
        "upplands-vasby",
        "KS",
        "controller",
        _("Controller for Kommunstyrelsen and everything below it"),
    ),
    (
        "enhetschef",
        "Erik",
        "Ek",
        "Enhetschef",
        "upplands-vasby",
        "SP-VD",
        "unit_manager",
        _("Unit manager of Väsby Direkt"),
    ),
    (
        "rapportor",
        "Rania",
        "Rashid",
        "Kundvägledare",
        "upplands-vasby",
        "SP-VD",
        "reporter",
        _("Reporter at Väsby Direkt"),
    ),
    (
        "lasare",
        "Lars",
        "Lind",
        "Ledamot i kommunfullmäktige",
        "upplands-vasby",
        "KF",
        "reader",
        _("Reader (politician) for the whole of Upplands Väsby"),
    ),
    (
        "kvalitetsstrateg",
        "Karin",
        "Kvist",
        "Kvalitetsstrateg",
        "stockholm",
        "0180",
        "controller",
        _("Controller for Stockholms stad"),
    ),
    (
        "sekretariatschef",
        "Sara",
        "Sjöberg",
        "Nämndsekreterare, chef",
        "stockholm",
        "TK-STAB-NS",
        "unit_manager",
        _("Unit manager of Nämndsekretariatet at Trafikkontoret"),
    ),
    (
        "ekonomichef",
        "Emil",
        "Engström",
        "Verksamhetschef",
        "stockholm",
        "SF-EA",
        "unit_manager",
        _("Unit manager of Verksamhetsområde ekonomiadministration"),
    ),
]


def demo_accounts() -> list[DemoAccount]:
    """The personas as the login page lists them (offered to accounts in DemoConfig.ready())."""
    return [
        DemoAccount(username, first, last, title, str(description))
        for username, first, last, title, _slug, _code, _role, description in PERSONAS
    ]
