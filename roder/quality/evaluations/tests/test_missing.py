"""Evaluations say what is missing: an area without a score is "not scored" and a total says how
many areas it covers (page, comparison, report, Excel); a reference series may give a
published total and only some areas and says which it lacks; the radar is on the evaluation's
page; the report compares with the unit's previous evaluation of the same version."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from roder.documents.xlsx import render_xlsx
from roder.organisation.access import grants_for
from roder.quality.documents import evaluation_document
from roder.quality.evaluations import selectors
from roder.quality.frameworks import services as framework_services
from roder.quality.models import FrameworkVersion
from roder.quality.testing import kommunkompassen, make_evaluation, score, url

pytestmark = pytest.mark.django_db

SEVEN = {1: 68, 2: 63, 3: 84, 4: 60, 5: 69, 7: 51, 8: 63}  # area 6 not scored: 458


def _seven_of_eight(unit, **values):
    evaluation = make_evaluation(unit, **values)
    for number, value in SEVEN.items():
        score(evaluation, number, value)
    return evaluation


def _grants(world):
    return grants_for(world.admin, world.organisation)


def _reference(world, *, total=None, values=None):
    kk = kommunkompassen()
    areas = {area.number: area for area in kk.areas.all()}
    return framework_services.reference_save(
        organisation=world.organisation,
        framework=kk,
        name="Riket",
        source="SKR 2012",
        published_total=total,
        values={areas[n]: v for n, v in (values or {}).items()},
        by=None,
    )


def test_a_total_without_every_area_says_how_many_it_covers(world):
    view = selectors.evaluation_view(_seven_of_eight(world.unit_a))
    assert view.total == 458 and view.maximum == 800
    assert not view.is_complete
    assert [area.number for area in view.not_scored] == [6]
    assert view.coverage_text == "7 of 8 areas scored"
    assert [item.score_text for item in view.areas][5] == "not scored"


def test_a_fully_scored_evaluation_is_complete(world):
    evaluation = _seven_of_eight(world.unit_a)
    score(evaluation, 6, 41)
    view = selectors.evaluation_view(evaluation)
    assert view.is_complete and view.total == 499
    assert view.coverage_text == "8 of 8 areas scored"


def test_the_page_shows_the_area_as_not_scored_and_the_total_as_incomplete(world, client_for):
    evaluation = _seven_of_eight(world.unit_a)
    page = client_for(world.controller).get(url("evaluation_detail", world, pk=evaluation.pk))
    text = page.content.decode()
    assert "458 of 800 points" in text
    assert "7 of 8 areas scored" in text
    assert "the total is not complete" in text
    assert '<td class="num">not scored</td>' in text
    assert "Not scored: 6. " in text


def test_the_report_and_its_excel_say_the_total_covers_7_of_8_areas(world):
    evaluation = _seven_of_eight(world.unit_a)
    document = evaluation_document(evaluation, grants=_grants(world))
    scores = document.tables[0]
    overview = next(t for t in document.tables if t.sheet == "Overview")
    assert [c.text for c in scores.rows[5]][1] == "not scored"
    assert [c.text for c in scores.rows[-1]] == ["Total (7 of 8 areas scored)", "458", "800"]
    # No share of the maximum from part of the areas: it would read as the result.
    assert overview.rows[-1][3].value is None
    paragraphs = " ".join(b.text for b in document.blocks if b.kind == "paragraphs")
    assert "7 of 8 areas scored; the total leaves out the areas not scored: 6 " in paragraphs
    workbook = load_workbook(io.BytesIO(render_xlsx(document)))
    cells = [[c.value for c in row] for row in workbook[scores.sheet].iter_rows()]
    total_row = next(row for row in cells if row[0] and str(row[0]).startswith("Total"))
    assert total_row[:3] == ["Total (7 of 8 areas scored)", 458, 800]
    assert cells[6][1] in (None, "not scored")  # area 6 (after the header row): never a 0


def test_a_reference_series_may_give_a_published_total_and_some_areas(world):
    _reference(world, total="520", values={1: "70", 2: "65"})
    compared = selectors.comparison(_seven_of_eight(world.unit_a), _grants(world))
    reference = compared.series[1]
    assert reference.is_reference and reference.published == 520
    assert reference.total == 520  # the published total, not the two areas' sum
    assert [area.number for area in reference.missing] == [3, 4, 5, 6, 7, 8]
    assert reference.value_texts[:3] == ["70", "65", "not given"]


def test_a_reference_series_without_a_total_sums_what_it_gives(world):
    _reference(world, values={1: "70", 2: "65"})
    compared = selectors.comparison(make_evaluation(world.unit_a), _grants(world))
    assert compared.series[1].total == 135 and not compared.series[1].is_complete


def test_a_published_total_above_the_versions_maximum_is_refused(world):
    with pytest.raises(ValidationError) as raised:
        _reference(world, total="801")
    assert raised.value.message_dict["published_total"] == ["The score must be between 0 and 800."]
    assert not kommunkompassen().reference_series.exists()


def test_the_comparison_page_names_the_areas_a_reference_lacks(world, client_for):
    _reference(world, total="520", values={1: "70", 2: "65"})
    evaluation = _seven_of_eight(world.unit_a)
    page = client_for(world.controller).get(url("evaluation_compare", world, pk=evaluation.pk))
    text = " ".join(page.content.decode().split())
    assert '520 <span class="muted">(published)</span>' in text
    assert "Riket gives a published total but no values for areas 3, 4, 5, 6, 7, 8." in text
    assert '458<br><span class="muted">7 of 8 areas scored</span>' in text


def test_the_reference_form_takes_the_published_total(world, client_for):
    kk = kommunkompassen()
    client = client_for(world.admin)
    post = {"name": "Riket", "source": "SKR", "published_total": "512,5"}
    assert client.post(url("reference_create", world, pk=kk.pk), post).status_code == 302
    series = kk.reference_series.get()
    assert series.published_total == Decimal("512.5") and not series.values.exists()
    form = client.get(url("reference_edit", world, pk=series.pk)).content.decode()
    assert 'value="512,5"' in form


def test_the_radar_is_on_the_evaluations_own_page(world, client_for):
    _reference(world, values={1: "70", 2: "65", 3: "60"})
    evaluation = _seven_of_eight(world.unit_a)
    page = client_for(world.reader).get(url("evaluation_detail", world, pk=evaluation.pk))
    text = page.content.decode()
    assert '<figure class="doc-chart">' in text
    assert "Radar chart of KommunKompassen 2011: score per area" in text
    assert "Riket: 1. Offentlighet och demokrati 70" in text  # the alt text names the series
    assert "Riket has no values for areas 4, 5, 6, 7, 8" in " ".join(text.split())


def test_the_report_compares_with_the_previous_evaluation_of_the_version(world):
    first = make_evaluation(world.unit_a, title="KK 2011", starts=datetime.date(2011, 5, 1))
    for number in range(1, 9):
        score(first, number, 50)
    second = _seven_of_eight(world.unit_a, title="KK 2015", starts=datetime.date(2015, 5, 1))
    document = evaluation_document(second, grants=_grants(world))
    assert "4.1 Comparison with the previous evaluation" in [h.label for h in document.headings]
    table = next(t for t in document.tables if t.sheet == "Previous evaluation")
    assert table.columns == ["Area", "KK 2015", "KK 2011", "Change"]
    assert [c.text for c in table.rows[0]][1:] == ["68", "50", "+18"]
    assert [c.text for c in table.rows[5]][1:] == ["–", "50", "–"]  # area 6: no change
    assert [c.text for c in table.rows[-1]] == ["Total (7 of 8 areas scored)", "458", "400", "–"]
    assert "do not cover the same areas" in table.note
    # The radar draws the previous evaluation too.
    chart = next(b for b in document.blocks if b.kind == "chart")
    assert "KK 2011" in chart.table.columns


def test_the_report_says_why_it_has_no_previous_to_compare_with(world):
    first = make_evaluation(world.unit_a, title="KK 2011", starts=datetime.date(2011, 5, 1))
    score(first, 1, 50)
    kk2020 = FrameworkVersion.objects.get(code="kommunkompassen", version_label="2020")
    second = make_evaluation(
        world.unit_a, framework=kk2020, title="KK 2021", starts=datetime.date(2021, 5, 1)
    )
    texts = [
        b.text
        for b in evaluation_document(second, grants=_grants(world)).blocks
        if b.kind == "paragraphs"
    ]
    assert any("used another framework version (KommunKompassen (2010))" in t for t in texts), texts
    alone = evaluation_document(first, grants=_grants(world))
    assert any(
        t.text == "This is the unit's first evaluation with KommunKompassen (2010)."
        for t in alone.blocks
        if t.kind == "paragraphs"
    )
