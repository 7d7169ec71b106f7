""" "Så här gör du": the short help on each main page, and the user guides it links to.

A page shows its help with `{% load help %}{% help "scorecard" %}` right after its <h1>: a
<details> disclosure (closed, so it costs the page one line; it opens without JavaScript and
by keyboard) with a few steps written for the person who uses the page, and a link to that
person's guide (`docs/guide/<guide>.md`, shown in Roder at /help/<guide>/ by `core.views`).

The texts live here together, as prose, so they keep one voice and one set of words (the
glossary's); they name pages, not code, so core still imports no domain. A key the template
asks for that is not here is an error (`KeyError`): a page never shows an empty help.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The guides in docs/guide/, one per persona (the file's name is the key), in the order the
# index lists them.
GUIDES: dict[str, Promise] = {
    "controller": _("Controller"),
    "enhetschef": _("Unit manager"),
    "rapportor": _("Reporter"),
    "lasare": _("Reader (politician)"),
    "administrator": _("Administrator"),
}


@dataclass(frozen=True)
class Help:
    steps: tuple[Promise, ...]
    guide: str  # a key of GUIDES


HELP: dict[str, Help] = {
    "start": Help(
        (
            _(
                "What waits for you comes first: reports to write or approve, actions due "
                "soon and your notifications."
            ),
            _(
                "Below it, each of your units with its goals by status in the latest period; "
                "follow a unit's name to its page."
            ),
            _(
                "With roles in several organisations, choose one in the header. The search "
                "field there finds units, goals, indicators and actions by name or code."
            ),
        ),
        "controller",
    ),
    "tree": Help(
        (
            _("Open a unit to reach its plans, scorecard, reports, actions and roles."),
            _(
                "Administrators add a unit under another and move or end units from the "
                "unit's page. A unit is never deleted, so last year's tree can still be shown."
            ),
            _("Looking for one unit among many? Search for its name or code in the header."),
        ),
        "administrator",
    ),
    "unit": Help(
        (
            _(
                "The links lead to the unit's plan and goals, scorecard, reports, actions, "
                "internal control, economy and documents."
            ),
            _(
                "Roles given on this page apply to this unit and every unit below it: a "
                "controller of a committee follows all of its units."
            ),
            _("The history at the bottom shows who changed what, and when."),
        ),
        "enhetschef",
    ),
    "strategy_map": Help(
        (
            _(
                "The map shows the goals from the council down to each unit, with their "
                "status in the chosen period."
            ),
            _(
                "Narrow it by period, goal category or unit; open a goal to read its "
                "indicators, assessment and the goals that contribute to it."
            ),
        ),
        "lasare",
    ),
    "scorecard": Help(
        (
            _(
                "Choose the period at the top. Each goal lists its indicators with outcome, "
                "target and light."
            ),
            _(
                "Green: the target is met; yellow: close to it; red: far from it; grey: no "
                "target or no outcome yet. The light is also written out in words."
            ),
            _("Follow an indicator to see its history, or a goal to assess it."),
        ),
        "enhetschef",
    ),
    "report": Help(
        (
            _("Enter each indicator's outcome for the period, then write how each goal went."),
            _(
                "The unit manager assesses the goals and submits the report; the controller "
                "then approves it or returns it with a comment."
            ),
            _(
                "A submitted report is locked. If something must change, ask the controller "
                "to return it to you."
            ),
        ),
        "rapportor",
    ),
    "assess": Help(
        (
            _(
                "Roder proposes an assessment from the indicators' lights and the goals that "
                "contribute to this one; you may choose another level and say why."
            ),
            _(
                "Write what was done and what comes next: the analysis goes into the unit's "
                "follow-up report."
            ),
        ),
        "enhetschef",
    ),
    "overview": Help(
        (
            _("Every unit's report for the period: not started, draft, submitted or approved."),
            _(
                "Open a submitted report to approve it, or return it with a comment on what "
                "is missing."
            ),
        ),
        "controller",
    ),
    "indicators": Help(
        (
            _(
                "The catalogue holds the organisation's indicators: what is measured, in "
                "which unit of measure and which direction is better."
            ),
            _(
                "Add an indicator here, attach it to a goal from the goal's page and give "
                "each unit its target for the year."
            ),
        ),
        "controller",
    ),
    "actions": Help(
        (
            _(
                "Actions are what a unit does to reach a goal or to correct a deviation "
                "found in internal control or an evaluation."
            ),
            _(
                "Filter by unit, status or responsible person. Update the status and add a "
                "note as the work goes on; meeting mode is for going through the list "
                "together."
            ),
        ),
        "enhetschef",
    ),
    "control": Help(
        (
            _(
                "List the risks, value each by likelihood and consequence in the risk matrix "
                "and choose the year's controls in the control plan."
            ),
            _(
                "Record each control's result when it has been carried out; a deviation "
                "becomes an action with a responsible person."
            ),
        ),
        "controller",
    ),
    "quality": Help(
        (
            _(
                "Record an external evaluation or a self-assessment against a framework "
                "(KommunKompassen, Kvalitetsutmärkelsen …), score its areas and note "
                "strengths and areas for improvement."
            ),
            _(
                "Turn an area for improvement into an action, and compare evaluations with "
                "each other over the years."
            ),
        ),
        "controller",
    ),
    "surveys": Help(
        (
            _(
                "The rounds of the units you can see, with how many have answered; follow a "
                "round's name to its results (no figure for groups under the minimum)."
            ),
            _(
                "Unit managers start a round for their unit and the units below it, by an "
                "open link or personal links sent by e-mail, and send reminders from the "
                "round's page."
            ),
            _(
                "Controllers import a questionnaire file or make a new version of one; a "
                "version in use is never changed, so answers keep their questions."
            ),
        ),
        "enhetschef",
    ),
    "economy": Help(
        (
            _(
                "Budget, outcome and prognosis per unit and category. In each period, "
                "enter the year's prognosis; the follow-up shows the deviation from budget."
            ),
            _("The outcome can be imported from the ledger as a file."),
        ),
        "controller",
    ),
    "wheel": Help(
        (
            _(
                "The year's dates as a circle and month by month: reports due, internal "
                "control reporting, survey rounds and the organisation's own meetings. Choose "
                "a unit to see what applies to it, including what it inherits from above."
            ),
            _(
                "Controllers add meetings under the organisation's own events: choose how an "
                "event recurs (for example the third Tuesday of each month except July) and "
                "the days it does not happen on."
            ),
            _(
                "Your calendar feed (under your name in the header) puts your dates in "
                "Outlook, Google Calendar or Apple Calendar."
            ),
        ),
        "controller",
    ),
    "periods": Help(
        (
            _(
                "The year's reporting periods: tertials, the interim report and the year-end "
                "report."
            ),
            _(
                "Create the year's usual periods, open a period when reporting starts and "
                "close it once the reports are approved. Each period's due date is when "
                "reports are expected."
            ),
        ),
        "controller",
    ),
    "people": Help(
        (
            _("Add a person and send an invitation: they choose their own password from the link."),
            _(
                "Give roles on a unit's page. A role applies to the unit and every unit "
                "below it; give each person the lowest role that lets them do their work."
            ),
        ),
        "administrator",
    ),
    "settings": Help(
        (
            _("The organisation's name, municipality code and financial year."),
            _(
                "Whether readers see drafts: while it is off, politicians and other readers "
                "see the figures of submitted and approved reports only."
            ),
        ),
        "administrator",
    ),
}


def get(key: str) -> Help:
    return HELP[key]
