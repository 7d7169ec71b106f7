"""The surveys benchmark (issue 14): every index of one round over many answers and units through
`selectors.rounds_groups`, against the bare SQL aggregation of the same answers (GROUP BY unit
and question: count and sum). Used by `manage.py surveys_benchmark`; never by tests.

Everything is generated with bulk inserts inside a transaction that is rolled back, so the
database is left as it was.
"""

import datetime
import random
import time
import uuid
from dataclasses import dataclass

from django.db import connection, transaction

from roder.core.db import analyse
from roder.followup.benchmark import _tree
from roder.organisation import services as org_services
from roder.organisation.models import Unit
from roder.surveys.models import (
    Question,
    QuestionGroup,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    ResponseAnswer,
    RoundStatus,
    RoundUnit,
    SurveyIndex,
    SurveyRound,
)
from roder.surveys.selectors import rounds_groups

BATCH = 5000
PER_SUB_INDEX = 5  # a sub-index for every five questions, and the total over them all

BARE_SQL = """
SELECT r.unit_id, a.question_id, COUNT(a.value), SUM(a.value)
FROM surveys_responseanswer a JOIN surveys_response r ON r.id = a.response_id
WHERE r.round_id = %s AND a.value IS NOT NULL
GROUP BY r.unit_id, a.question_id
"""


class Rollback(Exception):
    """Raised to leave the transaction: nothing the benchmark made is kept."""


@dataclass
class Figures:
    answers: int
    questions: int
    units: int
    rows: int
    indices: int
    groups: int
    computed_seconds: float
    sql_seconds: float
    build_seconds: float

    @property
    def ratio(self) -> float:
        return self.computed_seconds / self.sql_seconds if self.sql_seconds else float("inf")


def run(*, answers: int, questions: int, units: int, repeat: int = 2, progress=print) -> Figures:
    """Build, time (the best of `repeat` runs each) and roll everything back."""
    found: list[Figures] = []
    try:
        with transaction.atomic():
            found.append(_run(answers, questions, units, repeat, progress))
            raise Rollback
    except Rollback:
        pass
    return found[0]


def _run(answers: int, questions: int, units: int, repeat: int, progress) -> Figures:
    started = time.perf_counter()
    organisation = org_services.organisation_create(
        name="Enkätbenchmark",
        slug=f"surveys-benchmark-{uuid.uuid4().hex[:8]}",
        root_code="EB",
        by=None,
    )
    root = Unit.objects.get(organisation=organisation, parent=None)
    tree = _tree(root, units)
    progress(f"units: {len(tree)}")
    round_ = _round(organisation, root, tree, questions)
    rows = _answers(round_, tree, answers)
    progress(f"answers: {answers} respondents, {rows} answer rows")
    analyse()
    built = time.perf_counter() - started
    round_ = SurveyRound.objects.select_related("questionnaire", "owner_unit").get(pk=round_.pk)
    computed, groups = float("inf"), {}
    for _n in range(repeat):
        begin = time.perf_counter()
        groups = rounds_groups([round_], minimum=5)
        computed = min(computed, time.perf_counter() - begin)
    bare = float("inf")
    for _n in range(repeat):
        begin = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(BARE_SQL, [round_.pk])
            cursor.fetchall()
        bare = min(bare, time.perf_counter() - begin)
    total, lines = groups[round_.pk]
    return Figures(
        answers=answers,
        questions=questions,
        units=len(tree),
        rows=rows,
        indices=len(total.indices),
        groups=len(lines) + 1,
        computed_seconds=computed,
        sql_seconds=bare,
        build_seconds=built,
    )


def _round(organisation, root, tree, questions: int) -> SurveyRound:
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        code="benchmark",
        name="Benchmark",
        version_label="1",
        status=QuestionnaireStatus.IN_USE,
    )
    group = QuestionGroup.objects.create(questionnaire=questionnaire, number=1, title="Frågor")
    made = Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            group=group,
            number=n,
            code=f"q{n}",
            kind="likert",
            text=f"Fråga {n}",
            scale_max=5,
            dont_know=True,
        )
        for n in range(1, questions + 1)
    )
    made = list(questionnaire.questions.order_by("number"))
    total = SurveyIndex.objects.create(questionnaire=questionnaire, code="total", name="Totalt")
    total.questions.set(made)
    for start in range(0, len(made), PER_SUB_INDEX):
        sub = SurveyIndex.objects.create(
            questionnaire=questionnaire, code=f"sub{start}", name=f"Delindex {start}"
        )
        sub.questions.set(made[start : start + PER_SUB_INDEX])
    today = datetime.date.today()
    round_ = SurveyRound.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        owner_unit=root,
        name="Benchmark",
        access="open",
        opens_on=today,
        closes_on=today,
        status=RoundStatus.CLOSED,
        controller_name=organisation.name,
    )
    RoundUnit.objects.bulk_create(
        (RoundUnit(round=round_, unit=unit, token=uuid.uuid4().hex) for unit in tree),
        batch_size=BATCH,
    )
    return round_


def _answers(round_: SurveyRound, tree, respondents: int) -> int:
    """`respondents` responses spread over the units; each answers every question (a step
    1–5 around the unit's usual one, now and then "don't know" or nothing)."""
    chance = random.Random(14)
    questions = list(round_.questionnaire.questions.values_list("pk", flat=True))
    usual = {unit.pk: chance.randint(2, 4) for unit in tree}
    today = round_.closes_on
    rows = 0
    for start in range(0, respondents, BATCH // max(1, len(questions)) or 1):
        count = min(BATCH // max(1, len(questions)) or 1, respondents - start)
        responses = [
            Response(
                id=uuid.uuid4(), round=round_, unit=tree[(start + n) % len(tree)], answered_on=today
            )
            for n in range(count)
        ]
        Response.objects.bulk_create(responses)
        batch = []
        for response in responses:
            step = usual[response.unit.pk]
            for question in questions:
                luck = chance.random()
                if luck < 0.02:
                    continue  # not answered
                if luck < 0.04:
                    batch.append(
                        ResponseAnswer(response=response, question_id=question, dont_know=True)
                    )
                    continue
                value = min(5, max(1, step + chance.choice((-1, 0, 0, 1))))
                batch.append(ResponseAnswer(response=response, question_id=question, value=value))
        ResponseAnswer.objects.bulk_create(batch, batch_size=BATCH)
        rows += len(batch)
    return rows
