"""The evaluation report (in the structure of seed 002: what the framework is; the summary with
the score table and the radar chart; each area with its sub-areas, score, general text,
strengths and improvement areas and good examples; the overview of scores; key facts) and the
Kvalitetsutmärkelsen entry with its feedback report, as `roder.documents.blocks.Document`.
The renderers in roder/documents make the web page, PDF and Word from them; `KINDS` registers
both with the documents app (apps.QualityConfig.ready)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.core import formatting
from roder.documents.blocks import Cell, Document, Heading, Paragraphs, Table
from roder.documents.kinds import DocumentKind
from roder.quality.entries.access import get_entry_for_user
from roder.quality.entries.selectors import entry_view
from roder.quality.evaluations.access import get_evaluation_for_user
from roder.quality.evaluations.charts import radar
from roder.quality.evaluations.selectors import (
    PREVIOUS,
    Series,
    evaluation_view,
    previous_of_unit,
    profile,
)
from roder.quality.models import Entry, Evaluation, FindingKind
from roder.quality.pages import ENTRY, EVALUATION
from roder.quality.scores import format_score, score_or_not_scored

fmt = format_score


def _score_cell(value: Decimal | None) -> Cell:
    return Cell(fmt(value), value)


def _area_score_cell(value: Decimal | None) -> Cell:
    """An area's score, "ej bedömt" without one (an empty cell in Excel, never a 0)."""
    return Cell(score_or_not_scored(value), value)


def _viewer(unit, grants) -> None:
    """A report is built for a person who may read its unit (roder/documents/README.md)."""
    if not grants.can_see(unit):
        raise PermissionDenied


def _produced(document: Document, grants) -> None:
    document.produced_at = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    document.produced_by = grants.user.get_full_name() or grants.user.get_username()


def evaluation_document(evaluation: Evaluation, *, grants) -> Document:
    _viewer(evaluation.unit, grants)
    view = evaluation_view(evaluation)
    series = profile(evaluation, grants, [v.area for v in view.areas])
    framework = evaluation.framework
    unit = evaluation.unit
    document = Document(
        title=str(evaluation),
        header=f"{framework.name} – {unit.name}",
        organisation=unit.organisation.name,
        unit=unit.name,
        subtitle=_("%(kind)s against %(framework)s")
        % {"kind": evaluation.get_kind_display(), "framework": framework},
    )
    _produced(document, grants)
    document.add(
        Heading(1, _("What is %(name)s?") % {"name": framework.name}, "1"),
        Paragraphs(framework.description or "–"),
        Paragraphs(framework.source, lead=_("Source")) if framework.source else None,
    )
    document.add(*_summary(evaluation, view, series))
    document.add(Heading(1, _("Detailed review per area"), "3"))
    for view_area in view.areas:
        document.add(*_area_blocks(view_area, f"3.{view_area.area.number}"))
    document.add(Heading(1, _("Overview of the scores"), "4"), _overview_table(view))
    document.add(*_previous_blocks(evaluation, view, series))
    document.add(
        Heading(1, _("Key facts about %(unit)s") % {"unit": unit.name}, "5"),
        Paragraphs(evaluation.key_facts or "–"),
    )
    return document


def _summary(evaluation: Evaluation, view, series) -> list:
    facts = [
        _("Evaluators: %(names)s") % {"names": _evaluators(evaluation) or "–"},
        _("Carried out: %(starts)s – %(ends)s")
        % {
            "starts": evaluation.starts.isoformat() if evaluation.starts else "–",
            "ends": evaluation.ends.isoformat() if evaluation.ends else "–",
        },
    ]
    blocks = [
        Heading(1, _("Summary"), "2"),
        Paragraphs("\n".join(f"- {fact}" for fact in facts)),
        Paragraphs(evaluation.summary) if evaluation.summary else None,
        _score_table(evaluation, view),
        _coverage_note(view),
    ]
    chart = radar(evaluation, [v.area for v in view.areas], series)
    if chart is not None:
        blocks.append(chart)
        blocks += [_reference_note(line) for line in series if line.is_reference]
    return blocks


def _coverage_note(view) -> Paragraphs | None:
    """ "7 av 8 områden bedömda; ej bedömt: 6 Ledarskap": a total is never presented as
    complete when an area has no score."""
    if view.is_complete or not view.is_scored:
        return None
    names = ", ".join(f"{area.number} {area.name}" for area in view.not_scored)
    return Paragraphs(
        _("%(coverage)s; the total leaves out the areas not scored: %(areas)s.")
        % {"coverage": view.coverage_text, "areas": names}
    )


def _reference_note(line: Series) -> Paragraphs | None:
    if line.is_empty:
        return Paragraphs(
            _("The reference series %(names)s has no values yet, so it is not drawn.")
            % {"names": line.name}
        )
    if line.is_complete:
        return None
    if line.published is not None:
        text = _(
            "The reference series %(name)s gives a published total of %(total)s but no value "
            "for the areas %(areas)s; the chart leaves them out."
        )
    else:
        text = _(
            "The reference series %(name)s gives no value for the areas %(areas)s; the chart "
            "leaves them out and its total is the sum of the areas it gives (%(total)s)."
        )
    return Paragraphs(
        text % {"name": line.name, "total": line.total_text, "areas": line.missing_text}
    )


def _previous_blocks(evaluation: Evaluation, view, series) -> list:
    """4.1: the evaluation against the unit's previous one with the same framework version,
    area by area with the change; or why there is none to compare with."""
    heading = Heading(2, _("Comparison with the previous evaluation"), "4.1")
    previous = next((line for line in series if line.note == PREVIOUS), None)
    if previous is None:
        other = previous_of_unit(evaluation)
        if other is not None:
            text = _(
                "The unit's previous evaluation, %(name)s, used another framework version "
                "(%(version)s); its scores are not comparable with these."
            ) % {"name": other, "version": other.framework}
        else:
            text = _("This is the unit's first evaluation with %(version)s.") % {
                "version": evaluation.framework
            }
        return [heading, Paragraphs(text)]
    rows = []
    for v, before in zip(view.areas, previous.values, strict=True):
        change = v.score - before if v.score is not None and before is not None else None
        rows.append(
            [Cell(str(v.area)), _score_cell(v.score), _score_cell(before), _change_cell(change)]
        )
    now_total, before_total = view.total, previous.total
    change = None
    if view.is_complete and previous.is_complete:  # a change of incomplete totals misleads
        change = now_total - before_total
    rows.append(
        [
            Cell(_total_label(view.is_complete, view.coverage_text), bold=True),
            Cell(fmt(now_total), now_total, bold=True),
            Cell(fmt(before_total), before_total, bold=True),
            _change_cell(change, bold=True),
        ]
    )
    note = ""
    if not (view.is_complete and previous.is_complete):
        note = _(
            "An area not scored in one of them has no change; the totals are not compared "
            "because they do not cover the same areas (%(now)s now, %(before)s before)."
        ) % {"now": view.coverage_text, "before": previous.coverage_text}
    return [
        heading,
        Table(
            caption=_("%(evaluation)s against %(previous)s")
            % {"evaluation": evaluation, "previous": previous.name},
            columns=[_("Area"), str(evaluation), previous.name, _("Change")],
            rows=rows,
            numeric=[False, True, True, True],
            sheet=_("Previous evaluation"),
            note=note,
        ),
    ]


def _change_cell(change: Decimal | None, *, bold: bool = False) -> Cell:
    if change is None:
        return Cell("–", None, bold=bold)
    return Cell(("+" if change > 0 else "") + fmt(change), change, bold=bold)


def _total_label(complete: bool, coverage: str) -> str:
    return _("Total") if complete else _("Total (%(coverage)s)") % {"coverage": coverage}


def _evaluators(evaluation: Evaluation) -> str:
    names = [evaluation.evaluators] if evaluation.evaluators else []
    names += [str(person) for person in evaluation.evaluator_people.all()]
    return "; ".join(names)


def _score_table(evaluation, view) -> Table:
    rows = [
        [
            Cell(str(v.area)),
            _area_score_cell(v.score),
            Cell(fmt_max(v.area.max_value), v.area.max_value),
        ]
        for v in view.areas
    ]
    rows.append(
        [
            Cell(_total_label(view.is_complete, view.coverage_text), bold=True),
            Cell(fmt(view.total), view.total, bold=True),
            Cell(fmt_max(view.maximum), view.maximum, bold=True),
        ]
    )
    return Table(
        caption=_("%(evaluation)s: score per area") % {"evaluation": evaluation},
        columns=[_("Area"), _("Score"), _("Maximum")],
        rows=rows,
        numeric=[False, True, True],
        sheet=_("Scores"),
    )


def fmt_max(value) -> str:
    return "–" if value is None else str(value)


def _area_blocks(view_area, number: str) -> list:
    area = view_area.area
    blocks: list = [Heading(2, area.name, number)]
    subs = [sub.name for sub, _n in view_area.narratives]
    if subs:
        blocks.append(Paragraphs("\n".join(f"- {name}" for name in subs), lead=_("Sub-areas")))
    if area.scale:  # "4 – Stämmer i hög grad"
        blocks.append(Paragraphs(view_area.step_text, lead=_("Score")))
    elif view_area.score is None and area.max_value is not None:
        blocks.append(Paragraphs(view_area.score_text, lead=_("Score")))
    elif view_area.score is not None:
        blocks.append(
            Paragraphs(
                _("%(score)s of %(max)s")
                % {"score": fmt(view_area.score), "max": fmt_max(area.max_value)},
                lead=_("Score"),
            )
        )
    if view_area.row.text:
        blocks.append(Paragraphs(view_area.row.text, lead=_("General")))
    for index, (sub, narrative) in enumerate(view_area.narratives, start=1):
        if narrative is not None and narrative.text:
            blocks += [Heading(3, sub.name, f"{number}.{index}"), Paragraphs(narrative.text)]
    blocks.append(_findings_table(view_area))
    examples = view_area.good_examples
    if examples:
        blocks.append(
            Paragraphs(
                "\n".join(f"- {f.municipality}: {f.text}" for f in examples),
                lead=_("Good examples"),
            )
        )
    return blocks


def _findings_table(view_area) -> Table:
    strengths = view_area.strengths
    improvements = view_area.improvements
    rows = []
    for i in range(max(len(strengths), len(improvements))):
        left = strengths[i].text if i < len(strengths) else ""
        right = improvements[i] if i < len(improvements) else None
        text = ""
        if right is not None:
            text = right.text
            if right.kind == FindingKind.WEAKNESS:
                weakness = _("weakness")
                text = f"{text} ({weakness})"
        rows.append([Cell(left), Cell(text)])
    return Table(
        caption=_("Strengths and improvement areas: %(area)s") % {"area": view_area.area.name},
        columns=[_("Strengths"), _("Improvement areas and weaknesses")],
        rows=rows,
        sheet=_("Area %(number)s") % {"number": view_area.area.number},
        note="" if rows else _("No strengths or improvement areas recorded."),
    )


def _overview_table(view) -> Table:
    rows = []
    for v in view.areas:
        share = None
        if v.score is not None and v.area.max_value:
            share = formatting.rounded(v.score * 100 / v.area.max_value, 0)
        rows.append(
            [
                Cell(str(v.area)),
                _area_score_cell(v.score),
                Cell(fmt_max(v.area.max_value), v.area.max_value),
                Cell(formatting.percent(share, 0), share, 0),
            ]
        )
    share = None
    if view.total is not None and view.maximum and view.is_complete:
        # A share of the whole maximum from some of the areas would read as the result.
        share = formatting.rounded(view.total * 100 / view.maximum, 0)
    rows.append(
        [
            Cell(_total_label(view.is_complete, view.coverage_text), bold=True),
            Cell(fmt(view.total), view.total, bold=True),
            Cell(fmt_max(view.maximum), view.maximum, bold=True),
            Cell(formatting.percent(share, 0), share, 0, bold=True),
        ]
    )
    return Table(
        caption=_("Overview of the scores"),
        columns=[_("Area"), _("Score"), _("Maximum"), _("Share of maximum")],
        rows=rows,
        numeric=[False, True, True, True],
        sheet=_("Overview"),
    )


# --- Kvalitetsutmärkelsen entries ----------------------------------------------------------


def entry_document(entry: Entry, *, grants) -> Document:
    """The entry (its questions with the unit's answers, per area) followed by the feedback
    report (återföringsrapport): scores, strengths and improvement areas per area and the
    overall summary."""
    _viewer(entry.unit, grants)
    areas = entry_view(entry)
    unit = entry.unit
    document = Document(
        title=str(entry),
        header=f"{entry.framework.name} {entry.year} – {unit.name}",
        organisation=unit.organisation.name,
        unit=unit.name,
        subtitle=_("Class: %(name)s") % {"name": entry.entry_class} if entry.entry_class else "",
    )
    _produced(document, grants)
    number = 1
    if entry.introduction:
        document.add(Heading(1, _("Introduction"), "1"), Paragraphs(entry.introduction))
        number = 2
    for offset, item in enumerate(areas):
        document.add(Heading(1, item.area.name, str(number + offset)))
        for answer in item.answers:
            question = answer.question
            document.add(
                # "Fråga 7" is the question's own number, as in the competition's documents.
                Heading(2, _("Question %(number)s") % {"number": question.number}),
                Paragraphs(
                    question.text or _("(The question's text is not entered.)"), lead=_("Question")
                ),
                Paragraphs(answer.text or _("Not answered."), lead=_("Answer")),
            )
    feedback_number = str(number + len(areas))
    document.add(Heading(1, _("Feedback report"), feedback_number))
    document.add(
        Paragraphs(
            entry.feedback_summary or _("No overall summary yet."), lead=_("Overall summary")
        ),
        _entry_score_table(entry, areas),
    )
    for index, item in enumerate(areas, start=1):
        feedback = item.feedback
        document.add(Heading(2, item.area.name, f"{feedback_number}.{index}"))
        if feedback is not None:
            document.add(
                Paragraphs(feedback.strengths or "–", lead=_("Strengths")),
                Paragraphs(feedback.improvements or "–", lead=_("Improvement areas")),
            )
    return document


def _entry_score_table(entry, areas) -> Table:
    rows = []
    for item in areas:
        score = item.feedback.score if item.feedback else None
        questions = ", ".join(
            f"{a.question.number}: {fmt(a.score)}" for a in item.answers if a.score is not None
        )
        rows.append([Cell(str(item.area)), _score_cell(score), Cell(questions or "–")])
    return Table(
        caption=_("Scores of %(entry)s") % {"entry": entry},
        columns=[_("Area"), _("Score"), _("Question scores")],
        rows=rows,
        numeric=[False, True, False],
        sheet=_("Scores"),
    )


# --- the kinds this app registers with the documents app (apps.QualityConfig.ready) --------

KINDS = [
    DocumentKind(
        key=EVALUATION,
        label=gettext_lazy("Evaluation report"),
        order=60,
        subject=get_evaluation_for_user,
        build=evaluation_document,
    ),
    DocumentKind(
        key=ENTRY,
        label=gettext_lazy("Quality award entry"),
        order=70,
        subject=get_entry_for_user,
        build=entry_document,
    ),
]
