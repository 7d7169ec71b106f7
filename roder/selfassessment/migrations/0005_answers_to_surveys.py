"""Move every self-assessment's answers onto the survey engine (issue 14 part 2: one
anonymous-answer engine).

Each round gets a questionnaire of its own (per commitment a group with a scale question, with
"cannot say" as "don't know", and a comment question) and a survey round of kind
self-assessment with the unit as its one round unit. A `Participant` becomes a used
`Invitation` (no token that works: only a random hash). The old answers were never grouped per
person, so each `Answer` becomes a `Response` of its own (its score and its comment), dated the
day the round opened: no person, no token, the day only. The respondents of a self-assessment
are its used invitations, never its responses (selfassessment.selectors).

Reversible: backwards, each used invitation with a person becomes a `Participant` again and
each answer to a commitment an `Answer` (score and comment of the same response together), and
the survey rounds made here are deleted. Written with the historical models only; the
questionnaire's texts are in Swedish, the organisations' language, as the pages would write
them.
"""

import datetime
import hashlib
import random
import secrets

from django.db import migrations
from django.utils import timezone

ANSWER_DAYS = 28


def _hash() -> str:
    return hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()


def _goal_title(goal) -> str:
    return f"{goal.number} {goal.title}".strip()


def forwards(apps, schema_editor):
    Round = apps.get_model("selfassessment", "Round")
    Participant = apps.get_model("selfassessment", "Participant")
    Answer = apps.get_model("selfassessment", "Answer")
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    QuestionGroup = apps.get_model("surveys", "QuestionGroup")
    Question = apps.get_model("surveys", "Question")
    SurveyRound = apps.get_model("surveys", "SurveyRound")
    RoundUnit = apps.get_model("surveys", "RoundUnit")
    Invitation = apps.get_model("surveys", "Invitation")
    Response = apps.get_model("surveys", "Response")
    ResponseAnswer = apps.get_model("surveys", "ResponseAnswer")
    today = timezone.localdate()
    rounds = Round.objects.filter(survey_round__isnull=True).select_related(
        "unit__organisation", "period"
    )
    for round_ in rounds.order_by("pk"):
        unit, period = round_.unit, round_.period
        organisation = unit.organisation
        opened = timezone.localtime(round_.opened_at).date()
        closes = max(
            period.deadline or period.ends, opened + datetime.timedelta(days=ANSWER_DAYS)
        )
        if round_.status == "open":
            closes = max(closes, today + datetime.timedelta(days=ANSWER_DAYS))
        name = f"Självskattning {period.name} – {unit.name}"
        questionnaire = Questionnaire.objects.create(
            organisation=organisation,
            code=f"self-assessment-{secrets.token_urlsafe(9)}",
            name=name,
            version_label=str(opened.year),
            status="in_use",
        )
        scale_of: dict[int, object] = {}
        comment_of: dict[int, object] = {}
        for number, goal in enumerate(round_.goals.order_by("order", "pk"), start=1):
            title = _goal_title(goal)
            group = QuestionGroup.objects.create(
                questionnaire=questionnaire,
                number=number,
                title=title if len(title) <= 200 else title[:199] + "…",
            )
            scale_of[goal.pk] = Question.objects.create(
                questionnaire=questionnaire,
                group=group,
                number=2 * number - 1,
                code=f"item-{goal.pk}",
                kind="likert",
                text=f"Hur väl uppfylls ”{title}”?",
                scale_max=round_.scale_max,
                low_label=round_.low_label,
                high_label=round_.high_label,
                dont_know=True,
                required=True,
            )
            comment_of[goal.pk] = Question.objects.create(
                questionnaire=questionnaire,
                group=group,
                number=2 * number,
                code=f"item-{goal.pk}-comment",
                kind="text",
                text=f"Kommentar till ”{title}” (frivillig)",
            )
        survey_round = SurveyRound.objects.create(
            organisation=organisation,
            questionnaire=questionnaire,
            owner_unit=unit,
            name=name,
            access="personal",
            opens_on=opened,
            closes_on=closes,
            status=round_.status,
            controller_name=organisation.name,
            kind="self_assessment",
        )
        RoundUnit.objects.create(round=survey_round, unit=unit, token=secrets.token_urlsafe(32))
        invitations, emails = [], set()
        for participant in Participant.objects.filter(round=round_).select_related("person"):
            email = participant.person.email.strip().lower()
            if not email or email in emails:  # never mailed: one address per invitation
                email = f"person-{participant.person_id}@roder.invalid"
            emails.add(email)
            invitations.append(
                Invitation(
                    round=survey_round,
                    unit=unit,
                    person=participant.person,
                    email=email,
                    token_hash=_hash(),
                    answered=True,
                )
            )
        Invitation.objects.bulk_create(invitations)
        answers = list(Answer.objects.filter(round=round_, goal_id__in=list(scale_of)))
        random.shuffle(answers)  # no order to read a person from
        for answer in answers:
            response = Response.objects.create(round=survey_round, unit=unit, answered_on=opened)
            rows = [
                ResponseAnswer(
                    response=response,
                    question=scale_of[answer.goal_id],
                    value=answer.score,
                    dont_know=answer.score is None,
                )
            ]
            if answer.comment.strip():
                rows.append(
                    ResponseAnswer(
                        response=response,
                        question=comment_of[answer.goal_id],
                        text=answer.comment.strip(),
                    )
                )
            ResponseAnswer.objects.bulk_create(rows)
        Participant.objects.filter(round=round_).delete()
        Answer.objects.filter(round=round_).delete()
        round_.survey_round = survey_round
        round_.save(update_fields=["survey_round"])


def backwards(apps, schema_editor):
    Round = apps.get_model("selfassessment", "Round")
    Participant = apps.get_model("selfassessment", "Participant")
    Answer = apps.get_model("selfassessment", "Answer")
    Invitation = apps.get_model("surveys", "Invitation")
    ResponseAnswer = apps.get_model("surveys", "ResponseAnswer")
    for round_ in Round.objects.filter(survey_round__isnull=False).select_related(
        "survey_round__questionnaire"
    ):
        survey_round = round_.survey_round
        Participant.objects.bulk_create(
            Participant(round=round_, person_id=person_id)
            for person_id in Invitation.objects.filter(
                round=survey_round, answered=True, person__isnull=False
            ).values_list("person_id", flat=True)
        )
        given: dict[tuple[object, int], dict] = {}
        rows = ResponseAnswer.objects.filter(response__round=survey_round).values_list(
            "response_id", "question__code", "value", "text"
        )
        for response_id, code, value, text in rows:
            parts = code.split("-")
            goal_id = int(parts[1])
            answer = given.setdefault((response_id, goal_id), {"score": None, "comment": ""})
            if len(parts) == 3:
                answer["comment"] = text
            else:
                answer["score"] = value
        answers = [
            Answer(round=round_, goal_id=goal_id, score=a["score"], comment=a["comment"])
            for (_response, goal_id), a in given.items()
        ]
        random.shuffle(answers)
        Answer.objects.bulk_create(answers)
        round_.status = survey_round.status
        round_.survey_round = None
        round_.save(update_fields=["status", "survey_round"])
        questionnaire = survey_round.questionnaire
        survey_round.delete()  # its round unit, invitations and responses with it
        questionnaire.delete()


class Migration(migrations.Migration):
    dependencies = [("selfassessment", "0004_round_survey_round")]

    operations = [migrations.RunPython(forwards, backwards)]
