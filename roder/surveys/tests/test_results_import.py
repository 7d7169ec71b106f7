"""Survey results imported from elsewhere (issue 14 part 6): the file's checks (each row's error
in Swedish), all or nothing, permissions (the sibling unit's manager imports nothing for another
unit), the preview's constant queries, and imported results read like computed ones (results
page, years table, report, the `survey` indicator source)."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from roder.core.models import HistoryEntry
from roder.surveys import nyckeltal, results_file, services
from roder.surveys.models import ImportedResult, Questionnaire, SurveyRound
from roder.surveys.selectors import round_results
from roder.testing import add_units

pytestmark = pytest.mark.django_db


def customer():
    return Questionnaire.objects.get(organisation=None, code="kundenkat")


def csv_file(*rows: str, header=True) -> bytes:
    lines = (["enhet;kod;n;värde;andel positiva"] if header else []) + list(rows)
    return "\n".join(lines).encode()


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Enhet", "Kod", "n", "Värde", "Andel positiva"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check(world, data, owner=None):
    return results_file.read(
        data, questionnaire=customer(), owner_unit=owner or world.administration, minimum=5
    )


def do_import(world, data, *, owner=None, year=2011, by=None):
    return services.results_import(
        organisation=world.organisation,
        questionnaire=customer(),
        owner_unit=owner or world.administration,
        year=year,
        name="",
        source="kundenkat.csv",
        data=data,
        by=by or world.admin,
    )


GOOD = csv_file(
    "FV;kundomdome;40;81,5",
    "FV;helhet;40;;82",
    "A;tillganglighet;20;79",
    "B;tillganglighet;20;83",
)


# --- the file ----------------------------------------------------------------------------------


def test_a_good_file_gives_what_each_row_writes(world):
    lines, errors = check(world, GOOD)
    assert errors == []
    assert [(line.unit_name, line.n, line.value, line.share) for line in lines] == [
        ("Förvaltningen", 40, pytest.approx(81.5), None),
        ("Förvaltningen", 40, None, 82),
        ("Enhet A", 20, 79, None),
        ("Enhet B", 20, 83, None),
    ]
    assert lines[0].target_name == "Kundernas omdöme"


def test_an_excel_file_reads_like_csv(world):
    lines, errors = check(world, workbook(("FV", "kundomdome", 40, 81.5), ("A", "helhet", 9, 4.2)))
    assert errors == []
    assert [line.code for line in lines] == ["kundomdome", "helhet"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("X;kundomdome;40;80", "ingen enhet med koden ”X”"),
        ("FV;okänd;40;80", "ingen index eller fråga med koden ”okänd”"),
        ("FV;synpunkter;40;80", "inte en skalfråga"),
        ("FV;kundomdome;;80", "n (antalet svar) saknas"),
        ("FV;kundomdome;4;80", "färre än minsta gruppstorleken 5"),
        ("FV;kundomdome;4,5;80", "heltal"),
        ("FV;kundomdome;40;101", "mellan 0 och 100"),
        ("FV;kundomdome;40;", "indexets värde saknas"),
        ("FV;helhet;40;6", "skala 1–5"),
        ("FV;helhet;40;0", "skala 1–5"),
        ("FV;helhet;40;", "medelvärde eller dess andel positiva"),
        ("FV;helhet;40;3;120", "andelen positiva"),
        ("FV;kundomdome;många;80", "måste vara tal"),
    ],
)
def test_each_row_error_is_said_in_swedish_and_nothing_is_written(world, row, message):
    lines, errors = check(world, csv_file("A;kundomdome;20;70", row))
    assert len(errors) == 1 and message in errors[0], errors
    assert errors[0].startswith("Rad 3:")
    assert lines[1].error == errors[0] and not lines[0].error
    with pytest.raises(Exception, match="Rad 3"):
        do_import(world, csv_file("A;kundomdome;20;70", row))
    assert not SurveyRound.objects.exists() and not ImportedResult.objects.exists()


def test_a_unit_outside_the_owner_is_unknown_and_a_row_twice_refused(world):
    _lines, errors = check(world, csv_file("B;kundomdome;20;70"), owner=world.unit_a)
    assert "ingen enhet med koden ”B”" in errors[0]
    _lines, errors = check(world, csv_file("A;kundomdome;20;70", "a;KUNDOMDOME;20;71"))
    assert "finns också på rad 2" in errors[0]


@pytest.mark.parametrize(
    "data",
    [b"", b"PK\x03\x04 not a zip", b"\x00\x01\x02", csv_file(header=True)],
)
def test_a_malformed_file_is_refused(world, data):
    lines, errors = check(world, data)
    assert errors and not lines


# --- the import: all or nothing, as results ----------------------------------------------------


def test_the_import_is_a_closed_round_read_like_computed_ones(world):
    round_ = do_import(world, GOOD)
    assert round_.is_imported and round_.status == "closed"
    assert (round_.opens_on.isoformat(), round_.closes_on.isoformat()) == (
        "2011-01-01",
        "2011-12-31",
    )
    assert ImportedResult.objects.filter(round=round_).count() == 4
    assert HistoryEntry.objects.filter(object_id=str(round_.pk)).exists()
    results = round_results(round_)
    values = {i.code: r.value for i, r in results.total.indices if r.value is not None}
    assert values == {"kundomdome": pytest.approx(81.5)}
    assert [(g.name, g.respondents) for g in results.units] == [("Enhet A", 20), ("Enhet B", 20)]
    [helhet] = results.total.questions
    assert helhet.imported.share_positive == pytest.approx(0.82)


def test_an_earlier_import_is_in_the_years_table(world):
    do_import(world, csv_file("FV;kundomdome;40;70"), year=2010)
    later = do_import(world, csv_file("FV;kundomdome;40;75"), year=2011)
    [line] = [y for y in round_results(later).years if y.code == "kundomdome"]
    assert [float(v) for _r, _g, v in line.values] == [70, 75]


def test_a_group_under_a_raised_minimum_is_not_shown(world):
    round_ = do_import(world, GOOD)
    world.organisation.minimum_group_size = 30
    world.organisation.save()
    results = round_results(round_)
    assert results.total.shown
    assert [g.shown for g in results.units] == [False, False]


def test_the_survey_source_reads_imported_indices(world):
    from roder.indicators.models import Indicator
    from roder.periods.models import ReportingPeriod

    round_ = do_import(world, GOOD)
    indicator = Indicator.objects.create(
        organisation=world.organisation,
        owner=world.administration,
        name="Kundernas omdöme",
        source="survey",
        source_reference="kundenkat/kundomdome",
    )
    period = ReportingPeriod(organisation=world.organisation, starts=round_.opens_on)
    period.ends = round_.closes_on
    [value] = nyckeltal.read(indicators=[indicator], units=[world.administration], period=period)
    assert (value.value, value.count) == (82, 40)
    assert "importerat från kundenkat.csv" in value.comment


# --- the page ----------------------------------------------------------------------------------


def url(world):
    return reverse("surveys:results_import", kwargs={"org": world.organisation.slug})


def upload(client, world, data, unit, name="kund.csv"):
    return client.post(
        url(world),
        {
            "unit": unit.pk,
            "questionnaire": customer().pk,
            "year": 2011,
            "file": _named(data, name),
        },
    )


def _named(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_the_page_previews_then_imports(world, client_for):
    client = client_for(world.manager)
    overview = client.get(reverse("surveys:overview", kwargs={"org": world.organisation.slug}))
    assert url(world) in overview.content.decode()
    page = upload(client, world, csv_file("A;kundomdome;20;70", "A;helhet;20;4,1;80"), world.unit_a)
    text = page.content.decode()
    assert "Förhandsgranskning" in text and "Importera 2 rader" in text
    assert not SurveyRound.objects.exists()
    done = client.post(url(world), {"confirm": "1"})
    round_ = SurveyRound.objects.get()
    assert done.url == reverse(
        "surveys:round_results", kwargs={"org": world.organisation.slug, "pk": round_.pk}
    )
    results = client.get(done.url).content.decode()
    assert "Importerat från kund.csv" in results
    assert "70" in results


def test_a_bad_row_shows_the_preview_with_its_error_and_no_import_button(world, client_for):
    client = client_for(world.manager)
    page = upload(client, world, csv_file("A;kundomdome;20;70", "A;helhet;3;4"), world.unit_a)
    text = page.content.decode()
    assert "Filen importerades inte" in text and "färre än minsta gruppstorleken" in text
    assert 'name="confirm"' not in text
    client.post(url(world), {"confirm": "1"})
    assert not SurveyRound.objects.exists()


def test_the_outsider_imports_nothing_for_a_sibling_unit(world, client_for):
    client = client_for(world.outsider)
    page = upload(client, world, csv_file("A;kundomdome;20;70"), world.unit_a)
    assert page.status_code == 200 and "unit" in page.context["form"].errors
    # for their own unit, the sibling's rows are unknown units
    page = upload(client, world, csv_file("A;kundomdome;20;70"), world.unit_b)
    assert "ingen enhet med koden ”A”" in page.content.decode()
    client.post(url(world), {"confirm": "1"})
    assert not SurveyRound.objects.exists()


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_those_who_manage_no_unit_may_not_import(world, client_for, persona):
    assert client_for(getattr(world, persona)).get(url(world)).status_code == 403


def test_the_preview_takes_the_same_queries_for_more_rows(
    world, client_for, django_assert_max_num_queries
):
    units = add_units(world.unit_a, 40)
    client = client_for(world.manager)
    small = csv_file(*(f"{u.code};kundomdome;20;70" for u in units[:2]))
    big = csv_file(*(f"{u.code};{code};20;4" for u in units for code in ("kundomdome", "helhet")))
    upload(client, world, small, world.unit_a)  # warm the session and caches
    with django_assert_max_num_queries(20) as few:
        upload(client, world, small, world.unit_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Importera 80 rader" in upload(client, world, big, world.unit_a).content.decode()
