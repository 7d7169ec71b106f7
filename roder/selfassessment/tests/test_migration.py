"""Moving the self-assessment's answers onto the survey engine (migrations 0004–0006) keeps
every figure: the answers are written with the historical models before the move, migrated
forward and read through today's selectors; backwards gives the old rows again."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from roder.organisation.models import Organisation
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.selfassessment import selectors, services
from roder.selfassessment.models import Round
from roder.surveys.models import Invitation, Response, RoundKind
from roder.testing import make_person

BEFORE = [("selfassessment", "0003_alter_round_period"), ("surveys", "0005_invitation_sent")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _write_before_the_move(apps, world) -> tuple[int, list[int]]:
    plan = make_plan(world.unit_a)
    goals = [make_goal(plan, f"Åtagande {n}", kind="commitment") for n in (1, 2)]
    period = make_period(world.organisation)
    staff = [
        make_person(world.organisation, f"svarare{n}", role="reporter", unit=world.unit_a)
        for n in range(3)
    ]
    Round = apps.get_model("selfassessment", "Round")
    round_ = Round.objects.create(
        unit_id=world.unit_a.pk,
        period_id=period.pk,
        scale_max=4,
        low_label="Inte alls",
        high_label="Helt",
        status="open",
        opened_by_id=world.manager.pk,
    )
    round_.goals.set([g.pk for g in goals])
    Participant = apps.get_model("selfassessment", "Participant")
    Answer = apps.get_model("selfassessment", "Answer")
    for person in staff:
        Participant.objects.create(round=round_, person_id=person.pk)
    first, second = (g.pk for g in goals)
    for goal_id, score, comment in [
        (first, 4, "Bra rutiner"),
        (first, 3, ""),
        (first, 2, ""),
        (second, None, "Vet inte"),
        (second, 1, ""),
        (second, 4, ""),
    ]:
        Answer.objects.create(round=round_, goal_id=goal_id, score=score, comment=comment)
    return round_.pk, [s.pk for s in staff]


@pytest.mark.django_db(transaction=True)
def test_the_answers_move_to_the_survey_engine_and_back(world):
    Organisation.objects.filter(pk=world.organisation.pk).update(minimum_group_size=3)
    latest = _latest()
    try:
        pk, staff = _write_before_the_move(_migrate(BEFORE), world)
        _migrate(latest)
        round_ = Round.objects.select_related("survey_round").get(pk=pk)
        survey_round = round_.survey_round
        assert survey_round.kind == RoundKind.SELF_ASSESSMENT and round_.is_open
        assert survey_round.closes_on >= datetime.date.today()
        used = Invitation.objects.filter(round=survey_round, answered=True)
        assert sorted(used.values_list("person_id", flat=True)) == sorted(staff)
        assert Response.objects.filter(round=survey_round).count() == 6  # one per old answer
        result = selectors.round_result(round_, members=len(set(services.members(round_.unit))))
        assert result.shown and result.respondents == 3
        first, second = result.goals
        assert (first.mean, first.counts, first.comments) == (
            3,
            [(1, 0), (2, 1), (3, 1), (4, 1)],
            ["Bra rutiner"],
        )
        assert (second.mean, second.cannot_say, second.comments) == (2.5, 1, ["Vet inte"])
        branch = selectors.branch_results(world.unit_a, round_.period, _grants(world))
        assert (branch.respondents, round(branch.mean, 2)) == (3, 2.8)
        # A member who had answered cannot answer again; the others still can.
        with pytest.raises(Exception, match="redan svarat"):
            services.answer_link(round_=round_, person=type(world.manager).objects.get(pk=staff[0]))

        apps = _migrate(BEFORE)  # and back: the old rows again, the survey round gone
        Answer = apps.get_model("selfassessment", "Answer")
        assert sorted((a.score or 0, a.comment) for a in Answer.objects.filter(round_id=pk)) == [
            (0, "Vet inte"),
            (1, ""),
            (2, ""),
            (3, ""),
            (4, ""),
            (4, "Bra rutiner"),
        ]
        Participant = apps.get_model("selfassessment", "Participant")
        assert Participant.objects.filter(round_id=pk).count() == 3
        assert not apps.get_model("surveys", "SurveyRound").objects.exists()
    finally:
        _migrate(latest)  # whatever happened, the database is today's again


def _grants(world):
    from roder.organisation.access import grants_for

    return grants_for(world.controller, world.organisation)
