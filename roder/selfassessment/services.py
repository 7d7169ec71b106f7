"""Open and close self-assessments; their answers are a survey round's (surveys.services)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.core.services import create_with_history
from roder.organisation.models import Role
from roder.planning.models import Goal, GoalKind, Plan
from roder.selfassessment.models import Round
from roder.surveys import services as surveys
from roder.surveys.indices import DONT_KNOW
from roder.surveys.models import Invitation


def members(unit):
    """The people who answer the unit's self-assessment and are counted as its members: active
    people with a role on the unit itself. They, and nobody else, may answer (`answer_submit`,
    the round page). People of the units below answer their own unit's round (they cannot open
    this one); people with a role only above the unit read the result but do not answer."""
    return (
        Role.objects.filter(unit=unit, person__is_active=True)
        .values_list("person_id", flat=True)
        .distinct()
    )


def commitments_of(unit, year: int):
    """The commitments (åtaganden) of the unit's plan; all its goals if it has none."""
    plan = Plan.objects.filter(unit=unit, year=year).first()
    if plan is None:
        return Goal.objects.none()
    commitments = plan.goals.filter(kind=GoalKind.COMMITMENT)
    return commitments if commitments.exists() else plan.goals.all()


ANSWER_DAYS = 28


def closes_on(period, opened: datetime.date) -> datetime.date:
    """The last day answers are taken: the period's report deadline (its end without one), and
    at least four weeks after opening. The round closes itself after it (surveys_close_ended)."""
    return max(period.deadline or period.ends, opened + datetime.timedelta(days=ANSWER_DAYS))


@transaction.atomic
def round_open(*, unit, period, scale_max: int = 5, low_label: str, high_label: str, by) -> Round:
    if period.organisation_id != unit.organisation_id:
        raise ValidationError(_("The period belongs to another organisation."))
    if not 2 <= scale_max <= 10:
        raise ValidationError({"scale_max": _("The scale must go from 1 to between 2 and 10.")})
    if Round.objects.filter(unit=unit, period=period).exists():
        raise ValidationError(
            _("%(unit)s already has a self-assessment for %(period)s.")
            % {"unit": unit, "period": period}
        )
    goals = list(commitments_of(unit, period.year).order_by("order", "pk"))
    if not goals:
        raise ValidationError(
            _("The unit has no plan with goals for %(year)s to assess.") % {"year": period.year}
        )
    opened = timezone.localdate()
    survey_round = surveys.self_assessment_create(
        unit=unit,
        name=_("Self-assessment %(period)s – %(unit)s") % {"period": period.name, "unit": unit},
        items=[(goal.pk, str(goal)) for goal in goals],
        scale_max=scale_max,
        low_label=low_label,
        high_label=high_label,
        opens_on=opened,
        closes_on=closes_on(period, opened),
        by=by,
    )
    round_ = create_with_history(
        Round,
        values={
            "unit": unit,
            "period": period,
            "scale_max": scale_max,
            "low_label": low_label,
            "high_label": high_label,
            "opened_by": by,
            "survey_round": survey_round,
        },
        fields=("period", "scale_max"),
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )
    round_.goals.set(goals)
    return round_


@transaction.atomic
def round_close(*, round_: Round, by) -> Round:
    """Close its survey round (which deletes the drafts and writes the history)."""
    if not round_.is_open:
        raise ValidationError(_("The self-assessment is already closed."))
    surveys.round_close(round_=round_.survey_round, by=by)
    return round_


def answer_link(*, round_: Round, person) -> str:
    """The token of the person's personal link to answer (made anew each time): only the
    unit's members, once, while the round is open."""
    if not round_.is_open:
        raise ValidationError(_("The self-assessment is closed; nothing was saved."))
    if person.pk not in set(members(round_.unit)):
        raise ValidationError(_("Only people in the unit answer its self-assessment."))
    if Invitation.objects.filter(round=round_.survey_round, person=person, answered=True).exists():
        raise ValidationError(_("You have already answered this self-assessment."))
    return surveys.invitation_for_person(round_=round_.survey_round, person=person)[1]


@transaction.atomic
def answer_submit(
    *, round_: Round, person, scores: dict[int, int | None], comments: dict[int, str]
) -> None:
    """Record a member's answers through the survey engine, as its answering page does: a
    score (None: cannot say) and a comment per commitment. No history entry."""
    token = answer_link(round_=round_, person=person)
    invitation = surveys.invitation_for(token)
    assert invitation is not None  # just made
    if set(scores) != set(round_.goals.values_list("pk", flat=True)):
        raise ValidationError(_("Answer every commitment (or choose 'cannot say')."))
    questions = {q.code: q.pk for q in round_.survey_round.questionnaire.questions.all()}
    values: dict[int, object] = {}
    for goal_id, score in scores.items():
        scale, comment = surveys.item_codes(goal_id)
        values[questions[scale]] = DONT_KNOW if score is None else score
        values[questions[comment]] = comments.get(goal_id, "")
    surveys.answer_personal(invitation=invitation, values=values, today=timezone.localdate())
