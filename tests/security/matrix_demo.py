"""The demo the persona × URL matrix runs on (test_matrix.py): built once, with the few things the
demo lacks, and the named demo objects whose ids fill the URLs.

Every object is chosen where the personas differ most: Väsby Direkt's own things where it has
them (its manager and reporter may act, the sibling units may not), else Stöd & process's.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode

from roder.actions.models import Action
from roder.complaints import services as complaint_services
from roder.complaints.models import Attachment as ComplaintAttachment
from roder.complaints.models import Case as ComplaintCase
from roder.complaints.models import CustomerContact
from roder.complaints.models import Service as ComplaintService
from roder.control.models import Control, ControlPlan, Risk
from roder.demo.economy import interim_ledger_file
from roder.demo.testing import restore_demo
from roder.documents import services as document_services
from roder.documents.models import DocumentRun, RunStatus
from roder.economy import services as economy_services
from roder.economy.models import AccountCategory, Activity, LedgerImport
from roder.followup import excel as followup_excel
from roder.followup import services as followup_services
from roder.followup.models import OutcomeImport, OutcomeRevision
from roder.indicators.models import GoalIndicator, Indicator
from roder.kolada.models import Peer
from roder.organisation import services as org_services
from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Role, RoleKind, Unit
from roder.periods.models import PeriodKind, ReportingPeriod
from roder.planning.models import Goal, GoalCategory, GoalLink, Plan
from roder.quality.entries import selectors as quality_selectors
from roder.quality.models import (
    ACTIONABLE,
    AreaFeedback,
    Entry,
    Evaluation,
    Question,
    ReferenceSeries,
)
from roder.selfassessment import services as selfassessment_services
from roder.surveys import services as survey_services
from roder.surveys.models import Questionnaire as SurveyQuestionnaire
from roder.surveys.models import RoundUnit, SurveyRound
from roder.wheel import services as wheel_services
from roder.wheel.models import WheelEvent


@dataclass(frozen=True)
class Persona:
    """Who asks. `org` says which organisation slug goes in the URL: "object" the one the URL's
    objects belong to, "home" the persona's own (so a Stockholm persona tries Väsby's ids in
    Stockholm's URLs), "other" the organisation the objects do not belong to."""

    name: str
    username: str | None
    org: str = "object"


PERSONAS = [
    Persona("anonymous", None),
    Persona("admin", "admin"),
    Persona("admin-other-org", "admin", org="other"),
    Persona("controller", "controller"),
    Persona("enhetschef", "enhetschef"),
    Persona("rapportor", "rapportor"),
    Persona("lasare", "lasare"),
    Persona("grannchef", "grannchef"),
    Persona("enhetsadmin", "enhetsadmin"),
    Persona("kvalitetsstrateg", "kvalitetsstrateg", org="home"),
    Persona("sekretariatschef", "sekretariatschef", org="home"),
    Persona("ekonomichef", "ekonomichef"),
]

# (username, unit code, role): the people the demo lacks. The sibling-unit manager manages
# Kommunikationsenheten, next to Väsby Direkt; the unit administrator administers Löneenheten
# only (an administrator who is not a superuser and not the organisation's).
EXTRA_PEOPLE = [
    ("grannchef", "SP-KOM", RoleKind.UNIT_MANAGER),
    ("enhetsadmin", "SP-LON", RoleKind.ADMINISTRATOR),
]


SUBMITTED = "SP-IT"  # IT-enheten's Delår report is submitted (build), awaiting approval
APPROVED = "SP-LON"  # Löneenheten's Delår report is approved (build), for reopening


_SURVEY_TOKENS: dict[str, str] = {}


@dataclass(frozen=True)
class Obj:
    """A demo object as a URL needs it: the value that goes in the URL, the unit whose roles
    guard it (None: it is the organisation's, read by all in it) and its organisation (None:
    shipped with Roder, in every organisation)."""

    value: object
    unit: Unit | None
    organisation: Organisation | None
    instance: object = None


def build() -> None:
    """The demo (restored from its snapshot, roder/demo/testing.py), plus what the URLs need
    and the demo does not have, through the services."""
    restore_demo()
    extend()


def extend() -> None:
    """What the URLs need and the demo does not have (on the demo, restored or built)."""
    vasby = Organisation.objects.get(slug="upplands-vasby")
    for username, code, kind in EXTRA_PEOPLE:
        person = org_services.person_create(
            organisation=vasby,
            username=username,
            first_name=username.title(),
            last_name="Matris",
            email=f"{username}@example.se",
            by=None,
        )
        unit = Unit.objects.get(organisation=vasby, code=code)
        org_services.role_grant(person=person, unit=unit, kind=kind, by=None)
    direkt = Unit.objects.get(organisation=vasby, code="SP-VD")
    selfassessment_services.round_open(
        unit=direkt, period=_interim(), low_label="Inte alls", high_label="Helt", by=None
    )
    _finished_run(direkt)
    # A personal survey link not used yet (only its hash is stored, so the token is kept here).
    hme = SurveyRound.objects.get(name="HME 2026, Stöd & process")
    tokens = survey_services.invitations_create(
        round_=hme, unit=direkt, recipients=[("matris@example.se", None)], by=None
    )
    _SURVEY_TOKENS["invitation"] = tokens["matris@example.se"]
    # A draft questionnaire of the organisation, to take into use.
    survey_services.questionnaire_copy(
        source=SurveyQuestionnaire.objects.get(organisation=None, code="nki"),
        organisation=vasby,
        by=None,
    )
    # A submitted report, for the approve and return buttons.
    followup_services.report_submit(unit=_unit(SUBMITTED), period=_interim(), by=None)
    # An approved report in an open period, for the reopen form.
    followup_services.report_approve(
        report=followup_services.report_submit(unit=_unit(APPROVED), period=_interim(), by=None),
        by=None,
    )
    User = get_user_model()
    _staged_outcomes(direkt, User.objects.get(username="rapportor"))
    _pending_revision(direkt)
    economy_services.ledger_import_stage(
        unit=_unit("SP"),
        file_name="agresso-sp-2026-08.csv",
        data=interim_ledger_file(),
        by=User.objects.get(username="controller"),
    )


def _finished_run(unit: Unit) -> None:
    """A produced file to download (the task itself is the documents app's to test)."""
    run = document_services.run_request(
        unit=unit,
        kind="plan",
        fmt="xlsx",
        year=2026,
        period=None,
        by=get_user_model().objects.get(username="enhetschef"),
    )
    DocumentRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, content=b"matrix", size=6, finished_at=timezone.now()
    )


def _staged_outcomes(unit: Unit, by) -> None:
    """A big outcome file as its reporter uploaded it (its check task does not run here)."""
    grants = grants_for(by, unit.organisation)
    data = followup_excel.export_workbook(unit, _interim(), grants)
    followup_excel.stage(unit=unit, period=_interim(), file_name="utfall.xlsx", data=data, by=by)


def _pending_revision(unit: Unit) -> None:
    """A source's new value for Väsby Direkt's approved Tertial 1, for a controller to decide
    (written as outcome_write keeps it; no demo source reads Väsby Direkt's indicators)."""
    tertial1 = ReportingPeriod.objects.get(
        organisation=unit.organisation, year=2026, kind=PeriodKind.TERTIAL
    )
    outcome = unit.outcomes.filter(period=tertial1, value__isnull=False).order_by("pk").first()
    OutcomeRevision.objects.create(
        indicator=outcome.indicator,
        unit=unit,
        period=tertial1,
        value=outcome.value + 1,
        source="economy",
    )


def _unit(code: str, slug: str = "upplands-vasby") -> Unit:
    return Unit.objects.get(organisation__slug=slug, code=code)


def _interim() -> ReportingPeriod:
    return ReportingPeriod.objects.get(
        organisation__slug="upplands-vasby", year=2026, kind=PeriodKind.INTERIM
    )


def _of_unit(instance, unit: Unit, value=None) -> Obj:
    return Obj(
        value=instance.pk if value is None else value,
        unit=unit,
        organisation=unit.organisation,
        instance=instance,
    )


def _of_org(instance, organisation) -> Obj:
    return Obj(value=instance.pk, unit=None, organisation=organisation, instance=instance)


def _map_branch(office: Unit) -> Obj:
    """A branch of the strategy map: a committee goal and an office goal that contributes to
    it ("<committee goal>-<office goal>"), guarded by the committee's unit."""
    link = GoalLink.objects.filter(
        goal__plan__unit=office, goal__plan__year=2026, target__plan__unit=office.parent
    ).select_related("target__plan__unit")[0]
    committee = link.target.plan.unit
    return Obj(
        value=f"{link.target_id}-{link.goal_id}",
        unit=committee,
        organisation=committee.organisation,
        instance=link,
    )


def objects() -> dict[str, Obj]:
    """The named demo objects; a URL argument names which one it takes (matrix_rules.py)."""
    direkt, office = _unit("SP-VD"), _unit("SP")
    plan = Plan.objects.get(unit=direkt, year=2026)
    goal = plan.goals.filter(upward_links__isnull=False, indicator_links__isnull=False).first()
    control_plan = ControlPlan.objects.get(unit=office, year=2026)
    risk = Risk.objects.filter(plan=control_plan).order_by("order", "pk").first()
    evaluation = Evaluation.objects.get(unit__organisation__slug="upplands-vasby")
    framework = evaluation.framework
    area = framework.areas.order_by("number").first()
    entry = Entry.objects.get(unit__organisation__slug="stockholm")
    vasby = direkt.organisation
    linked = goal.upward_links.values_list("target", flat=True)
    attached = goal.indicator_links.values_list("indicator", flat=True)
    found = {
        "unit": _of_unit(direkt, direkt),
        "office": _of_unit(office, office),
        "submitted_unit": _of_unit(it := _unit(SUBMITTED), it),
        "approved_unit": _of_unit(lon := _unit(APPROVED), lon),
        "sibling_unit": _of_unit(kom := _unit("SP-KOM"), kom),
        "sibling_person": _of_org(get_user_model().objects.get(username="grannchef"), vasby),
        "link_target": _of_unit(
            Goal.objects.filter(plan__unit=office, plan__year=2026).exclude(pk__in=linked)[0],
            office,
        ),
        "free_indicator": _of_org(
            Indicator.objects.filter(organisation=vasby).exclude(pk__in=attached)[0], vasby
        ),
        "role": _of_unit(Role.objects.get(unit=direkt, person__username="rapportor"), direkt),
        "person": _of_org(get_user_model().objects.get(username="admin"), vasby),
        "plan": _of_unit(plan, direkt),
        "section": _of_unit(plan.sections.order_by("pk").first(), direkt, value="summary"),
        "goal": _of_unit(goal, direkt),
        "map_branch": _map_branch(office),
        "goal_link": _of_unit(GoalLink.objects.filter(goal=goal).first(), direkt),
        "goal_category": _of_org(GoalCategory.objects.get(pk=goal.category_id), vasby),
        "indicator": _of_unit(
            (link := GoalIndicator.objects.filter(goal=goal).first()).indicator,
            link.indicator.owner,
        ),
        "goal_indicator": _of_unit(link, direkt),
        # Stöd & process's nyckeltal linked to Kolada's N00902 (roder/demo/kolada.py).
        "kolada_indicator": _of_unit(
            (kolada := Indicator.objects.get(organisation=vasby, source_reference="N00902")),
            kolada.owner,
        ),
        "kolada_peer": _of_org(Peer.objects.filter(organisation=vasby).first(), vasby),
        "period": _of_org(_interim(), vasby),
        "outcome_import": _of_unit(OutcomeImport.objects.get(unit=direkt), direkt),
        "revision": _of_unit(OutcomeRevision.objects.get(unit=direkt), direkt),
        "action": _of_unit(Action.objects.filter(unit=direkt).order_by("pk").first(), direkt),
        "control_plan": _of_unit(control_plan, office),
        "risk": _of_unit(risk, office),
        "control": _of_unit(Control.objects.filter(risk=risk).order_by("pk").first(), office),
        "account_category": _of_org(AccountCategory.objects.filter(organisation=vasby)[0], vasby),
        "activity": _of_org(Activity.objects.filter(organisation=vasby).order_by("pk")[0], vasby),
        "ledger_import": _of_unit(LedgerImport.objects.get(unit=office, created_by=None), office),
        "round": _of_unit(direkt.self_assessments.get(), direkt),
        "run": _of_unit(DocumentRun.objects.get(unit=direkt), direkt),
        "framework": Obj(framework.pk, None, None, framework),
        "area": Obj(area.pk, None, None, area),
        "sub_area": Obj(area.sub_areas.order_by("pk").first().pk, None, None),
        "question": Obj(Question.objects.order_by("pk").first().pk, None, None),
        "series": _of_org(ReferenceSeries.objects.get(organisation=vasby), vasby),
        "evaluation": _of_unit(evaluation, evaluation.unit),
        "evaluation_area": _of_unit(area, evaluation.unit),
        "finding": _of_unit(
            evaluation.findings.filter(kind__in=ACTIONABLE, action_links__isnull=True)
            .order_by("pk")
            .first(),
            evaluation.unit,
        ),
        "entry": _of_unit(entry, entry.unit),
        "answer": _of_unit(entry.answers.order_by("pk").first(), entry.unit),
        "results_answer": _of_unit(
            entry.answers.filter(question__asks_for_results=True).order_by("pk").first(),
            entry.unit,
        ),
        "entry_indicator": _of_unit(
            (quoted := quality_selectors.indicator_choices(entry.unit).first()), quoted.owner
        ),
        "feedback": _of_unit(AreaFeedback.objects.filter(entry=entry).first(), entry.unit),
    }
    found["staged_import"] = _of_unit(
        LedgerImport.objects.get(unit=office, created_by__username="controller"), office
    )
    found["complaint_case"] = _of_unit(
        ComplaintCase.objects.filter(unit=direkt, status="registered").order_by("pk").first(),
        direkt,
    )
    found["customer_contact"] = _of_unit(
        CustomerContact.objects.filter(unit=direkt).order_by("pk").first(), direkt
    )
    found["complaint_service"] = _of_org(
        ComplaintService.objects.filter(organisation=vasby).order_by("pk").first(), vasby
    )
    attachment = ComplaintAttachment.objects.select_related("case__unit").order_by("pk").first()
    found["complaint_attachment"] = _of_unit(attachment, attachment.case.unit)
    found["complaint_form"] = Obj(vasby.slug, None, None)
    found["complaint_receipt"] = Obj(
        complaint_services.receipt_token(attachment.case, mailed=True), None, None
    )
    found["reset_user"] = Obj(urlsafe_base64_encode(b"1"), None, None)
    # The annual wheel: Väsby Direkt's APT, Stöd & process's public feed (roder/demo/wheel.py),
    # and the feed token of a person who is none of the personas (whose renewals would change it).
    apt = WheelEvent.objects.get(organisation=vasby, title="APT Väsby Direkt")
    found["wheel_event"] = _of_unit(apt, apt.unit)
    found["public_feed_org"] = Obj(vasby.slug, None, None)
    subscriber, _made = get_user_model().objects.get_or_create(
        username="matrix-subscriber", defaults={"organisation": vasby}
    )
    found["feed_token"] = Obj(wheel_services.feed_token_of(person=subscriber).token, None, None)
    hme = SurveyRound.objects.get(name="HME 2026, Stöd & process")
    found["survey_round"] = _of_unit(hme, hme.owner_unit)
    closed = SurveyRound.objects.get(name="HME 2025, Stöd & process")
    found["survey_round_closed"] = _of_unit(closed, closed.owner_unit)
    linked = Indicator.objects.get(organisation=closed.organisation, source_reference="hme/hme")
    found["survey_indicator"] = _of_unit(linked, linked.owner)
    customer = RoundUnit.objects.get(round__access="open", round__status="open")
    found["survey_link"] = Obj(customer.token, None, None)
    found["survey_invitation"] = Obj(_SURVEY_TOKENS["invitation"], None, None)
    shipped = SurveyQuestionnaire.objects.get(organisation=None, code="hme")
    found["questionnaire"] = Obj(shipped.pk, None, None, shipped)
    draft = SurveyQuestionnaire.objects.get(organisation=vasby, code="nki", status="draft")
    found["questionnaire_draft"] = _of_org(draft, vasby)
    return found
