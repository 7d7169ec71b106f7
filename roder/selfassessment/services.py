"""Open and close self-assessments and record anonymous answers."""

import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import create_with_history, history_record
from roder.organisation.models import Role
from roder.planning.models import Goal, GoalKind, Plan
from roder.selfassessment.models import Answer, Participant, Round, RoundStatus


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
    goals = list(commitments_of(unit, period.year))
    if not goals:
        raise ValidationError(
            _("The unit has no plan with goals for %(year)s to assess.") % {"year": period.year}
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
    if not round_.is_open:
        raise ValidationError(_("The self-assessment is already closed."))
    round_.status = RoundStatus.CLOSED
    round_.save(update_fields=["status"])
    history_record(
        obj=round_,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=round_.unit.organisation,
        unit=round_.unit,
        before={"status": "open"},
        after={"status": "closed"},
    )
    return round_


@transaction.atomic
def answer_submit(
    *, round_: Round, person, scores: dict[int, int | None], comments: dict[int, str]
) -> None:
    """Record one person's answers. No history entry: it would tell who answered what."""
    if not round_.is_open:
        raise ValidationError(_("The self-assessment is closed; nothing was saved."))
    if person.pk not in set(members(round_.unit)):
        raise ValidationError(_("Only people in the unit answer its self-assessment."))
    goal_ids = set(round_.goals.values_list("pk", flat=True))
    if set(scores) != goal_ids:
        raise ValidationError(_("Answer every commitment (or choose 'cannot say')."))
    for score in scores.values():
        if score is not None and not 1 <= score <= round_.scale_max:
            raise ValidationError(_("Scores go from 1 to %(max)s.") % {"max": round_.scale_max})
    try:
        with transaction.atomic():
            Participant.objects.create(round=round_, person=person)
    except IntegrityError:
        raise ValidationError(_("You have already answered this self-assessment.")) from None
    answers = [
        Answer(
            round=round_, goal_id=goal_id, score=score, comment=comments.get(goal_id, "").strip()
        )
        for goal_id, score in scores.items()
    ]
    random.shuffle(answers)  # no order to read a person from
    Answer.objects.bulk_create(answers)
