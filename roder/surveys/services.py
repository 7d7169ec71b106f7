"""Writes of questionnaires: import from a file, copy into a new version, take into use.

Transactional and validated (a ValidationError with a translated message writes nothing), with
history on the organisation. A version in use, or shipped with Roder, is never changed: a change
is made in a new version (`questionnaire_copy`), so answers always stand on the questions they
answered.
"""

import datetime
import hashlib
import random
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from roder.core.disclosure import minimum_group_size
from roder.core.models import HistoryAction
from roder.core.services import create_with_history, history_record
from roder.surveys import files, nyckeltal, results_file
from roder.surveys.indices import DONT_KNOW
from roder.surveys.models import (
    Choice,
    ImportedResult,
    Invitation,
    OpenLinkUse,
    Question,
    QuestionGroup,
    QuestionKind,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    ResponseAnswer,
    RoundAccess,
    RoundKind,
    RoundStatus,
    RoundUnit,
    SurveyIndex,
    SurveyRound,
)


def _models():
    return (Questionnaire, QuestionGroup, Question, Choice, SurveyIndex)


def _taken_error(name: str, label: str) -> ValidationError:
    return ValidationError(
        _(
            "The organisation already has %(name)s version %(label)s. Change "
            '"version_label" in the file to import it as a new version.'
        )
        % {"name": name, "label": label}
    )


def _free_label(organisation, code: str, label: str) -> str:
    taken = set(
        Questionnaire.objects.filter(organisation=organisation, code=code).values_list(
            "version_label", flat=True
        )
    )
    n = 1
    candidate = label
    while candidate in taken:
        n += 1
        suffix = f" ({n})"
        candidate = label[: files.TOP_LIMITS["version_label"] - len(suffix)] + suffix
    return candidate


@transaction.atomic
def questionnaire_import(*, organisation, raw: bytes | str, by) -> Questionnaire:
    """A new draft version in the organisation from a questionnaire file; a bad file writes
    nothing."""
    data = files.parse_file(raw)
    name, label = data["name"].strip(), data["version_label"].strip()
    if Questionnaire.objects.filter(
        organisation=organisation, code=data["code"], version_label=label
    ).exists():
        raise _taken_error(name, label)
    try:
        with transaction.atomic():  # a parallel import of the same version: a message too
            questionnaire = files.write_version(
                data,
                organisation=organisation,
                models=_models(),
                status=QuestionnaireStatus.DRAFT,
            )
    except IntegrityError as error:
        raise _taken_error(name, label) from error
    history_record(
        obj=questionnaire,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        after={"imported": str(questionnaire)},
    )
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, source: Questionnaire, organisation, by) -> Questionnaire:
    """A new draft version in the organisation with everything of `source`, which is left as
    it is (with the answers standing on it)."""
    if source.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("The questionnaire belongs to another organisation."))
    label = _free_label(organisation, source.code, source.version_label)
    questionnaire = files.write_version(
        files.export_data(source),
        organisation=organisation,
        models=_models(),
        version_label=label,
        status=QuestionnaireStatus.DRAFT,
    )
    history_record(
        obj=questionnaire,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        after={"copied_from": str(source)},
    )
    return questionnaire


@transaction.atomic
def questionnaire_take_into_use(*, questionnaire: Questionnaire, by) -> Questionnaire:
    """Lock the version: from now on answers may stand on it and it is never changed."""
    if questionnaire.is_locked:
        return questionnaire
    updated = Questionnaire.objects.filter(
        pk=questionnaire.pk, status=QuestionnaireStatus.DRAFT
    ).update(status=QuestionnaireStatus.IN_USE)
    questionnaire.status = QuestionnaireStatus.IN_USE
    if updated:
        history_record(
            obj=questionnaire,
            action=HistoryAction.UPDATE,
            actor=by,
            organisation=questionnaire.organisation,
            before={"status": QuestionnaireStatus.DRAFT},
            after={"status": QuestionnaireStatus.IN_USE},
        )
    return questionnaire


def check_changeable(questionnaire: Questionnaire) -> None:
    """Every write to a questionnaire's questions calls this first."""
    if questionnaire.is_locked:
        raise ValidationError(
            _(
                "%(name)s is in use and is never changed under its answers; make a new "
                "version to change it."
            )
            % {"name": questionnaire}
        )


# --- rounds, links and anonymous answers ---------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def round_create(
    *,
    organisation,
    questionnaire: Questionnaire,
    owner_unit,
    units,
    name: str,
    access: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    by,
    controller_name: str = "",
) -> SurveyRound:
    """A round of the questionnaire for the units; the questionnaire is locked from now on."""
    units = list(units)
    if questionnaire.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("The questionnaire belongs to another organisation."))
    if not units:
        raise ValidationError({"units": _("Choose at least one unit.")})
    if any(u.organisation_id != organisation.pk for u in [owner_unit, *units]):
        raise ValidationError(_("The unit belongs to another organisation."))
    if any(not u.path.startswith(owner_unit.path) for u in units):
        raise ValidationError({"units": _("Choose units at or below the round's own unit.")})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The round cannot close before it opens.")})
    if access not in RoundAccess.values:
        raise ValidationError({"access": _("Choose how the round is answered.")})
    round_ = create_with_history(
        SurveyRound,
        values={
            "organisation": organisation,
            "questionnaire": questionnaire,
            "owner_unit": owner_unit,
            "name": name.strip(),
            "access": access,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "controller_name": controller_name.strip() or organisation.name,
        },
        fields=("name", "questionnaire", "access", "opens_on", "closes_on"),
        by=by,
        organisation=organisation,
        unit=owner_unit,
    )
    RoundUnit.objects.bulk_create(
        RoundUnit(round=round_, unit=unit, token=new_token()) for unit in units
    )
    questionnaire_take_into_use(questionnaire=questionnaire, by=by)
    return round_


@transaction.atomic
def invitations_create(*, round_: SurveyRound, unit, recipients, by) -> dict[str, str]:
    """Personal links for (e-mail, person or None) at the unit: {e-mail: token}. The token is
    given out once (to be mailed); only its hash is kept. Addresses already invited are left."""
    if round_.access != RoundAccess.PERSONAL:
        raise ValidationError(_("The round is answered through an open link."))
    if not RoundUnit.objects.filter(round=round_, unit=unit).exists():
        raise ValidationError(_("The round is not sent to that unit."))
    taken = set(Invitation.objects.filter(round=round_).values_list("email", flat=True))
    tokens: dict[str, str] = {}
    rows = []
    for email, person in recipients:
        email = email.strip().lower()
        if not email or email in taken or email in tokens:
            continue
        tokens[email] = new_token()
        rows.append(
            Invitation(
                round=round_,
                unit=unit,
                person=person,
                email=email,
                token_hash=token_hash(tokens[email]),
            )
        )
    Invitation.objects.bulk_create(rows)
    history_record(
        obj=round_,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=round_.organisation,
        unit=round_.owner_unit,
        after={"invited": len(rows)},
    )
    return tokens


@transaction.atomic
def round_start(*, recipients=(), **values) -> SurveyRound:
    """`round_create`, and for personal links the invitations of the recipients
    ((e-mail, person or None, unit) from `recipients.from_roles` or `recipients.parse_list`):
    all or nothing. The links are mailed by `invitations_send`."""
    round_ = round_create(**values)
    if round_.access == RoundAccess.PERSONAL:
        recipients = list(recipients)
        if not recipients:
            raise ValidationError(
                {"recipients": _("Nobody would be invited: choose the recipients.")}
            )
        by_unit: dict[object, list] = {}
        for email, person, unit in recipients:
            by_unit.setdefault(unit, []).append((email, person))
        for unit, people in by_unit.items():
            invitations_create(round_=round_, unit=unit, recipients=people, by=values["by"])
    return round_


@transaction.atomic
def invitations_send(*, round_: SurveyRound, base_url: str, by, reminder: bool, today) -> int:
    """Mail the personal links: the invitations not sent yet, or (`reminder`) a reminder to
    those sent and not answered. Each mail carries a fresh token (only its hash is kept, so the
    one made before cannot be mailed again; a saved draft stays with the invitation). The mail
    says nothing about anyone's answers. How many were mailed."""
    if round_.access != RoundAccess.PERSONAL:
        raise ValidationError(_("The round is answered through an open link."))
    if round_.status == RoundStatus.CLOSED or today > round_.closes_on:
        raise ValidationError(_("The round is closed: no more invitations are sent."))
    chosen = Invitation.objects.filter(round=round_).select_related("unit")
    if reminder:
        chosen = chosen.filter(answered=False, sent_on__isnull=False)
    else:
        chosen = chosen.filter(sent_on__isnull=True)
    invitations = list(chosen.order_by("pk"))
    if not invitations:
        return 0
    messages = []
    for invitation in invitations:
        token = new_token()
        invitation.token_hash = token_hash(token)
        if reminder:
            invitation.reminded_on = today
        else:
            invitation.sent_on = today
        link = base_url.rstrip("/") + reverse("surveys:answer_personal", args=[token])
        messages.append(_invitation_mail(round_, invitation, link, reminder=reminder))
    Invitation.objects.bulk_update(
        invitations, ["token_hash", "reminded_on" if reminder else "sent_on"]
    )
    history_record(
        obj=round_,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=round_.organisation,
        unit=round_.owner_unit,
        after={"reminded" if reminder else "sent": len(invitations)},
    )
    try:
        for message in messages:
            message.send()
    except OSError as error:  # nothing is saved: the links mailed so far would not work
        raise ValidationError(
            _("The e-mail could not be sent. Nothing was saved: try again later.")
        ) from error
    return len(invitations)


def _invitation_mail(round_, invitation, link: str, *, reminder: bool) -> EmailMessage:
    """The same words for everyone (in Swedish, the organisation's language): the survey, the
    unit, the link and the last day — never anything about answers."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "round": round_,
            "unit": invitation.unit,
            "link": link,
            "closes": formats.date_format(round_.closes_on, "j F Y"),
            "reminder": reminder,
        }
        subject = (_("Reminder: %(name)s") if reminder else _("Survey: %(name)s")) % {
            "name": round_.name
        }
        body = render_to_string("surveys/invitation_email.txt", context)
    return EmailMessage(subject, body, None, [invitation.email])


@transaction.atomic
def round_close(*, round_: SurveyRound, by) -> SurveyRound:
    """Close the round; the drafts of personal links are deleted, and its indices are written
    as the outcomes of the indicators linked to them (`nyckeltal.results_write`)."""
    if round_.status == RoundStatus.CLOSED:
        raise ValidationError(_("The round is already closed."))
    round_.status = RoundStatus.CLOSED
    round_.save(update_fields=["status"])
    Invitation.objects.filter(round=round_).exclude(draft={}).update(draft={})
    history_record(
        obj=round_,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=round_.organisation,
        unit=round_.owner_unit,
        before={"status": RoundStatus.OPEN},
        after={"status": RoundStatus.CLOSED},
    )
    nyckeltal.results_write(round_=round_, by=by)
    return round_


def rounds_close_ended(today: datetime.date) -> int:
    """Close every open round whose end date has passed (the daily task); how many."""
    ended = list(SurveyRound.objects.filter(status=RoundStatus.OPEN, closes_on__lt=today))
    for round_ in ended:
        round_close(round_=round_, by=None)
    return len(ended)


def check_accepting(round_: SurveyRound, today: datetime.date) -> None:
    if round_.status == RoundStatus.CLOSED or today > round_.closes_on:
        raise ValidationError(
            _("The survey closed on %(day)s and takes no more answers.")
            % {"day": formats.date_format(round_.closes_on, "j F Y")}
        )
    if today < round_.opens_on:
        raise ValidationError(
            _("The survey opens on %(day)s.")
            % {"day": formats.date_format(round_.opens_on, "j F Y")}
        )


def clean_answers(questions, values: dict, *, complete: bool = True) -> list[ResponseAnswer]:
    """The answer rows of one respondent from {question pk: value} (a step or DONT_KNOW, 1/0,
    a choice number, a list of choice numbers, a text; None: not answered), every value checked
    against its question (a tampered value is refused, nothing is written). `complete=False`
    (a draft): required questions may still be empty."""
    rows = []
    known = {q.pk: q for q in questions}
    if set(values) - set(known):
        raise ValidationError(_("The answers do not match the questionnaire."))
    for question in known.values():
        value = values.get(question.pk)
        if value in (None, "", []):
            if question.required and complete:
                raise ValidationError(
                    _("Question %(n)s must be answered.") % {"n": question.number}
                )
            continue
        rows += _answer_rows(question, value)
    if complete and not rows:
        raise ValidationError(_("Answer at least one question."))
    return rows


def _answer_rows(question: Question, value) -> list[ResponseAnswer]:
    bad = ValidationError(
        _("The answer to question %(n)s is not one of its options.") % {"n": question.number}
    )
    if question.kind == QuestionKind.TEXT:
        if not isinstance(value, str) or len(value) > files.ANSWER_TEXT_LIMIT:
            raise bad
        text = value.strip()
        return [ResponseAnswer(question=question, text=text)] if text else []
    if question.kind == QuestionKind.LIKERT and value == DONT_KNOW:
        if not question.dont_know:
            raise bad
        return [ResponseAnswer(question=question, dont_know=True)]
    allowed = _allowed_values(question)
    chosen = value if question.kind == QuestionKind.MULTIPLE else [value]
    if not isinstance(chosen, list) or len(set(chosen)) != len(chosen):
        raise bad
    if any(not isinstance(v, int) or isinstance(v, bool) or v not in allowed for v in chosen):
        raise bad
    return [ResponseAnswer(question=question, value=v) for v in chosen]


def _allowed_values(question: Question) -> set[int]:
    if question.kind == QuestionKind.LIKERT:
        return set(range(1, (question.scale_max or 0) + 1))
    if question.kind == QuestionKind.YES_NO:
        return {0, 1}
    return {choice.number for choice in question.choices.all()}


def _store(round_: SurveyRound, unit, rows: list[ResponseAnswer], today) -> None:
    response = Response.objects.create(round=round_, unit=unit, answered_on=today)
    for row in rows:
        row.response = response
    random.shuffle(rows)  # no order to read anything from
    ResponseAnswer.objects.bulk_create(rows)


@transaction.atomic
def answer_open_link(*, round_unit: RoundUnit, browser_token: str, values: dict, today) -> None:
    """One answer through an open link, once per browser. No history entry: it would tell
    when someone answered."""
    round_ = round_unit.round
    check_accepting(round_, today)
    if round_.access != RoundAccess.OPEN:
        raise ValidationError(_("This link is not valid."))
    rows = clean_answers(round_.questionnaire.questions.prefetch_related("choices"), values)
    try:
        with transaction.atomic():
            OpenLinkUse.objects.create(round=round_, browser_hash=token_hash(browser_token))
    except IntegrityError:
        raise ValidationError(_("This browser has already answered the survey.")) from None
    _store(round_, round_unit.unit, rows, today)


def invitation_for(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("round__questionnaire", "round__organisation", "unit")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def answer_personal(*, invitation: Invitation, values: dict, today) -> None:
    """Submit a personal link's answers: the invitation is marked used and its draft deleted;
    the answers are stored apart, with nothing that leads back to it."""
    round_ = invitation.round
    check_accepting(round_, today)
    rows = clean_answers(round_.questionnaire.questions.prefetch_related("choices"), values)
    used = Invitation.objects.filter(pk=invitation.pk, answered=False).update(
        answered=True, draft={}
    )
    if not used:
        raise ValidationError(_("This link has already been used to answer."))
    _store(round_, invitation.unit, rows, today)


@transaction.atomic
def draft_save(*, invitation: Invitation, values: dict, today) -> None:
    """Keep a personal link's answers so far, to continue later (checked like a submit, but
    nothing is required yet)."""
    round_ = invitation.round
    check_accepting(round_, today)
    clean_answers(
        round_.questionnaire.questions.prefetch_related("choices"), values, complete=False
    )
    if invitation.answered:
        raise ValidationError(_("This link has already been used to answer."))
    Invitation.objects.filter(pk=invitation.pk).update(
        draft={str(pk): value for pk, value in values.items() if value not in (None, "", [])}
    )


# --- self-assessments: a round of their own questionnaire --------------------------------------


def item_codes(key) -> tuple[str, str]:
    """The codes of a self-assessment item's scale question and its comment question."""
    return f"item-{key}", f"item-{key}-comment"


@transaction.atomic
def self_assessment_create(
    *,
    unit,
    name: str,
    items: list[tuple[object, str]],
    scale_max: int,
    low_label: str,
    high_label: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    by,
) -> SurveyRound:
    """A self-assessment as a round (kind self-assessment, personal links, the unit only) of a
    questionnaire made for it: per item (key, title) a group with a required scale question
    1..scale_max offering "cannot say" and an optional comment (codes `item_codes(key)`).
    Invitations are made as the unit's members come to answer (`invitation_for_person`)."""
    organisation = unit.organisation
    if not 2 <= scale_max <= 10:
        raise ValidationError({"scale_max": _("The scale must go from 1 to between 2 and 10.")})
    with translation.override(settings.LANGUAGE_CODE):  # the questions in the organisation's
        texts = [  # language, whoever opens it
            (
                _("How well is “%(item)s” met?") % {"item": title},
                _("Comment on “%(item)s” (optional)") % {"item": title},
            )
            for _key, title in items
        ]
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        code=f"self-assessment-{new_token()[:12]}",
        name=name,
        version_label=str(opens_on.year),
        status=QuestionnaireStatus.IN_USE,
    )
    for number, ((key, title), (scale_text, comment_text)) in enumerate(
        zip(items, texts, strict=True), start=1
    ):
        scale_code, comment_code = item_codes(key)
        short = title if len(title) <= 200 else title[:199] + "…"
        group = QuestionGroup.objects.create(
            questionnaire=questionnaire, number=number, title=short
        )
        Question.objects.create(
            questionnaire=questionnaire,
            group=group,
            number=2 * number - 1,
            code=scale_code,
            kind=QuestionKind.LIKERT,
            text=scale_text,
            scale_max=scale_max,
            low_label=low_label,
            high_label=high_label,
            dont_know=True,
            required=True,
        )
        Question.objects.create(
            questionnaire=questionnaire,
            group=group,
            number=2 * number,
            code=comment_code,
            kind=QuestionKind.TEXT,
            text=comment_text,
        )
    round_ = create_with_history(
        SurveyRound,
        values={
            "organisation": organisation,
            "questionnaire": questionnaire,
            "owner_unit": unit,
            "name": name,
            "access": RoundAccess.PERSONAL,
            "opens_on": opens_on,
            "closes_on": max(closes_on, opens_on),
            "controller_name": organisation.name,
            "kind": RoundKind.SELF_ASSESSMENT,
        },
        fields=("name", "opens_on", "closes_on"),
        by=by,
        organisation=organisation,
        unit=unit,
    )
    RoundUnit.objects.create(round=round_, unit=unit, token=new_token())
    return round_


@transaction.atomic
def invitation_for_person(*, round_: SurveyRound, person) -> tuple[Invitation, str]:
    """The person's personal link to a self-assessment, made (or made anew: a fresh token, the
    one before stops working) when they go to answer it; (invitation, token). No mail."""
    if round_.kind != RoundKind.SELF_ASSESSMENT:
        raise ValidationError(_("The round is answered through the links it sends."))
    token = new_token()
    invitation = Invitation.objects.filter(round=round_, person=person).first()
    if invitation is None:
        email = person.email.strip().lower()
        if not email or Invitation.objects.filter(round=round_, email=email).exists():
            email = f"person-{person.pk}@roder.invalid"  # never mailed: the link is given here
        invitation = Invitation.objects.create(
            round=round_,
            unit=round_.owner_unit,
            person=person,
            email=email,
            token_hash=token_hash(token),
        )
    else:
        invitation.token_hash = token_hash(token)
        invitation.save(update_fields=["token_hash"])
    return invitation, token


# --- results imported from elsewhere (results_file.py) -----------------------------------------


@transaction.atomic
def results_import(
    *,
    organisation,
    questionnaire: Questionnaire,
    owner_unit,
    year: int,
    name: str,
    source: str,
    data: bytes,
    by,
) -> SurveyRound:
    """An imported round: the file's figures as the results of a closed round of the
    questionnaire for the year (1 January – 31 December), with no answers, `imported_from`
    naming the source. The file is checked again here and nothing is written unless every row
    is right. Its indices are written to linked nyckeltal as when a round closes."""
    if questionnaire.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("The questionnaire belongs to another organisation."))
    if owner_unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    source = source.strip()[:200]
    if not source:
        raise ValidationError({"source": _("Say where the results come from.")})
    lines, errors = results_file.read(
        data,
        questionnaire=questionnaire,
        owner_unit=owner_unit,
        minimum=minimum_group_size(organisation),
    )
    if errors:
        raise ValidationError(errors)
    round_ = create_with_history(
        SurveyRound,
        values={
            "organisation": organisation,
            "questionnaire": questionnaire,
            "owner_unit": owner_unit,
            "name": name.strip() or f"{questionnaire.name} {year}",
            "access": RoundAccess.OPEN,
            "opens_on": datetime.date(year, 1, 1),
            "closes_on": datetime.date(year, 12, 31),
            "status": RoundStatus.CLOSED,
            "controller_name": organisation.name,
            "imported_from": source,
        },
        fields=("name", "questionnaire", "opens_on", "closes_on", "status", "imported_from"),
        by=by,
        organisation=organisation,
        unit=owner_unit,
    )
    ImportedResult.objects.bulk_create(
        ImportedResult(
            round=round_,
            unit_id=line.unit_id or 0,  # set on every line without an error
            index_id=line.index_id,
            question_id=line.question_id,
            respondents=line.n or 0,
            value=line.value,
            share_positive=line.share,
        )
        for line in lines
    )
    questionnaire_take_into_use(questionnaire=questionnaire, by=by)
    nyckeltal.results_write(round_=round_, by=by)
    return round_
