"""Writes of questionnaires: import from a file, copy into a new version, take into use.

Transactional and validated (a ValidationError with a translated message writes nothing), with
history on the organisation. A version in use, or shipped with Roder, is never changed: a change
is made in a new version (`questionnaire_copy`), so answers always stand on the questions they
answered.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import history_record
from roder.surveys import files
from roder.surveys.models import (
    Choice,
    Question,
    QuestionGroup,
    Questionnaire,
    QuestionnaireStatus,
    SurveyIndex,
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
