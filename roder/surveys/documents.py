"""The survey report (issue 14 part 7) as a `roder.documents.blocks.Document`: what was asked,
of whom and when; the indices per unit and branch; the indices over the owner's rounds as a
chart; and for the round as a whole each question's distribution as a chart with its table.
The documents app makes the web page, PDF, Word and Excel from it (`KIND`, registered in
apps.SurveysConfig.ready).

It shows only what the results page shows to everyone who may read the round: every figure
through the same suppression, and never a free-text answer (a report travels further than the
page, so not even the owners' copy holds them).
"""

from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.core.charts import distribution_chart, series_chart
from roder.core.disclosure import Reason
from roder.documents.blocks import Cell, Document, Heading, Paragraphs, Table
from roder.documents.kinds import DocumentKind
from roder.organisation.access import fetch_for_user
from roder.surveys.indices import rounded
from roder.surveys.models import QuestionKind, SurveyRound
from roder.surveys.selectors import GroupResult, RoundResults, round_results

KEY = "survey_round"


def round_for_user(grants, pk) -> SurveyRound:
    """The round as a document's subject, for readers of its owner unit (404 otherwise)."""
    rounds = SurveyRound.objects.surveys().select_related(
        "questionnaire", "organisation", "owner_unit"
    )
    return fetch_for_user(grants, rounds, pk, unit="owner_unit")


def number(value, places: int = 0) -> str:
    shown = rounded(value, places)
    return "–" if shown is None else formats.number_format(shown, places)


def percent(value) -> str:
    shown = rounded(None if value is None else value * 100)
    return "–" if shown is None else f"{formats.number_format(shown, 0)} %"


def hidden_text(group: GroupResult, minimum: int) -> str:
    if group.respondents == 0:
        return _("No answers yet.")
    if group.hidden == Reason.COMPLEMENT:
        return _("Hidden so that a smaller group cannot be worked out.")
    return _("Fewer than %(n)s answers") % {"n": minimum}


def group_name(group: GroupResult) -> str:
    if not group.name:
        return _("All units")
    if group.branch:
        return _("%(unit)s with the units below") % {"unit": group.name}
    return group.name


def round_document(round_: SurveyRound, *, grants) -> Document:
    results = round_results(round_)  # never the free-text answers
    owner = round_.owner_unit
    document = Document(
        title=round_.name,
        header=f"{owner.name}, {_('Survey report')}",
        organisation=round_.organisation.name,
        unit=owner.name,
        subtitle=_("%(questionnaire)s, %(opens)s – %(closes)s")
        % {
            "questionnaire": round_.questionnaire.name,
            "opens": round_.opens_on.isoformat(),
            "closes": round_.closes_on.isoformat(),
        },
    )
    document.produced_at = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    document.produced_by = grants.user.get_full_name() or grants.user.get_username()
    document.add(*_about(round_, results))
    document.add(*_indices(results))
    document.add(*_questions(results))
    return document


def _about(round_: SurveyRound, results: RoundResults) -> list:
    questionnaire = round_.questionnaire
    units = ", ".join(g.name for g in results.units if not g.branch) or owner_name(round_)
    facts = [
        _("Questionnaire: %(name)s (version %(version)s)")
        % {"name": questionnaire.name, "version": questionnaire.version_label},
        _("Answered by: %(access)s") % {"access": round_.get_access_display().lower()},
        _("Open for answers: %(opens)s – %(closes)s (%(status)s)")
        % {
            "opens": round_.opens_on.isoformat(),
            "closes": round_.closes_on.isoformat(),
            "status": round_.get_status_display().lower(),
        },
        _("Units: %(units)s") % {"units": units},
        _("Answers: %(n)s") % {"n": results.total.respondents},
    ]
    if round_.is_imported:
        facts.append(
            _("Imported from %(source)s: figures given per unit, not computed from answers.")
            % {"source": round_.imported_from}
        )
    return [
        Heading(1, _("About the survey"), "1"),
        Paragraphs(questionnaire.description) if questionnaire.description else None,
        Paragraphs("\n".join(f"- {fact}" for fact in facts)),
        Paragraphs(
            _(
                "No figure is shown for fewer than %(n)s answers, nor one that would let a "
                "smaller group be worked out. The index is the mean answer on a scale of "
                "0–100: (x − 1) × 100 / (k − 1) for a scale of 1–k, over the respondents. "
                "Free-text answers are not part of the report."
            )
            % {"n": results.minimum}
        ),
    ]


def owner_name(round_: SurveyRound) -> str:
    return round_.owner_unit.name


def _index_row(group: GroupResult, results: RoundResults) -> list[Cell]:
    row = [
        Cell(group_name(group), bold=not group.name),
        Cell(str(group.respondents), group.respondents, decimals=0),
    ]
    if group.shown:
        values = {getattr(index, "pk", None): value for index, value in group.indices}
        for index in results.indices:
            value = values.get(index.pk)
            shown = None if value is None else rounded(value.value)
            row.append(Cell(number(None if value is None else value.value), shown, decimals=0))
    else:
        text = hidden_text(group, results.minimum)
        row += [Cell(text)] + [Cell("") for _index in results.indices[1:]]
    return row


def _indices(results: RoundResults) -> list:
    if not results.indices:
        return []
    table = Table(
        caption=_("Indices per unit (0–100)"),
        columns=[_("Unit"), _("Answers")] + [index.name for index in results.indices],
        rows=[_index_row(group, results) for group in [*results.units, results.total]],
        numeric=[False, True] + [True] * len(results.indices),
        sheet=_("Indices"),
    )
    blocks = [Heading(1, _("Indices"), "2"), table]
    if results.years:
        rounds = [r for r, _group, _value in results.years[0].values]
        chart = series_chart(
            title=_("All units over the rounds (0–100)"),
            periods=[str(r.closes_on.year) for r in rounds],
            series=[
                (line.name, [rounded(value) for _r, _g, value in line.values])
                for line in results.years
            ],
        )
        blocks += [Heading(2, _("Over the years"), "2.1"), chart]
    return blocks


def _questions(results: RoundResults) -> list:
    total = results.total
    blocks: list = [Heading(1, _("Per question, all units"), "3")]
    if not total.shown:
        return [*blocks, Paragraphs(hidden_text(total, results.minimum))]
    for n, line in enumerate(total.questions, start=1):
        question: Any = line.question
        blocks.append(Heading(2, question.text, f"3.{n}"))
        if line.imported is not None:
            figure = line.imported
            blocks.append(
                Paragraphs(
                    _("%(n)s answers · mean %(mean)s · index %(index)s · share positive %(share)s")
                    % {
                        "n": figure.n,
                        "mean": number(figure.mean, 1),
                        "index": number(figure.index),
                        "share": percent(figure.share_positive),
                    }
                )
            )
        elif line.scale is not None:
            scale = line.scale
            facts = _(
                "%(n)s answers · mean %(mean)s · index %(index)s · share positive %(share)s"
            ) % {
                "n": scale.n,
                "mean": number(scale.mean, 1),
                "index": number(scale.index),
                "share": percent(scale.share_positive(question.positive_steps)),
            }
            if scale.dont_know:
                facts += " · " + _("%(n)s don't know") % {"n": scale.dont_know}
            blocks.append(Paragraphs(facts))
            steps = [
                (_step_label(question, step), count) for step, count in scale.distribution.items()
            ]
            blocks.append(distribution_chart(title=question.text, steps=steps))
        elif line.choices:
            blocks.append(
                distribution_chart(
                    title=question.text,
                    steps=[(choice.label, choice.count) for choice in line.choices],
                    label_heading=_("Choice"),
                )
            )
        elif question.kind == QuestionKind.TEXT:
            blocks.append(
                Paragraphs(
                    _("%(n)s free-text answers; they are not part of the report.")
                    % {"n": line.answered}
                )
            )
    return blocks


def _step_label(question, step: int) -> str:
    if step == 1 and question.low_label:
        return f"1 – {question.low_label}"
    if step == question.scale_max and question.high_label:
        return f"{step} – {question.high_label}"
    return str(step)


KIND = DocumentKind(
    key=KEY,
    label=gettext_lazy("Survey report"),
    order=80,
    subject=round_for_user,
    build=round_document,
)
