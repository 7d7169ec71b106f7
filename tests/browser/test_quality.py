"""Quality evaluations (M9) in the browser: a controller evaluates a unit against KommunKompassen
2010 — scores an area (a score out of range is refused), writes a narrative, records findings,
turns an improvement area into an action, compares and downloads the report as PDF; the sibling
unit's manager gets "not found". The demo's KommunKompassen 2011 evaluation of Upplands Väsby
and Serviceförvaltningen's Kvalitetsutmärkelsen entry; an administrator exports a framework and
has a malformed file refused. axe-core on every page."""

import json
import re

import pytest
from playwright.sync_api import expect

from roder.actions.models import Action
from roder.demo.personas import DEMO_PASSWORD
from roder.demo.quality_texts import KU_ANSWERS
from roder.documents.models import DocumentRun
from roder.quality.frameworks.files import install_shipped_frameworks
from roder.quality.models import (
    AreaScore,
    Evaluation,
    Finding,
    FindingAction,
    FrameworkVersion,
    SubAreaNarrative,
)
from roder.quality.testing import kommunkompassen
from tests.browser.conftest import (
    download,
    follow,
    log_in,
    main_nav,
    open_as,
    visit,
)

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"
Q = f"{ORG}quality/"
TITLE = "KommunKompassen – Enhet A 2026"


def of_total(score: int, maximum: int):
    """ "68 of 800" in any language: the two numbers with words between."""
    return re.compile(rf"(?<![\d,]){score}\s\D+\s{maximum}(?![\d,])")


def evaluation_url(evaluation, org: str = ORG) -> str:
    return f"{org}quality/evaluations/{evaluation.pk}/"


@pytest.fixture
def frameworks(world):
    """The shipped frameworks: the migration installs them, but the transactional tests before
    this one flushed the database."""
    install_shipped_frameworks()
    return kommunkompassen()


def open_quality(page, org: str) -> None:
    """From the start page's card of the organisation to its quality evaluations."""
    follow(page, page.locator(f"main h3 a[href='{org}']"))
    follow(page, main_nav(page, "/quality/"))


def area_section(page, number: int):
    return page.locator(f"main section[aria-labelledby=area-{number}]")


def test_a_controller_evaluates_a_unit_and_turns_an_improvement_area_into_an_action(
    new_page, world, frameworks, tmp_path
):
    framework = frameworks
    area_1 = framework.areas.get(number=1)
    sub_area = area_1.sub_areas.order_by("number").first()
    controller = open_as(new_page, "controller")  # controller on Kommunstyrelsen

    # From the start page to the quality evaluations, and a new evaluation of Enhet A.
    open_quality(controller, ORG)
    expect(controller).to_have_url(re.compile(rf"{Q}$"))
    follow(controller, controller.locator(f"main a[href='{Q}evaluations/new/']"))
    form = controller.locator("main form.stacked")
    form.locator("[name=unit]").select_option(str(world.unit_a.pk))
    form.locator("[name=framework]").select_option(str(framework.pk))
    form.locator("[name=kind]").select_option("self")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=evaluators]").fill("Karin Kvist och Lars Lind")
    form.locator("[name=starts]").fill("2026-03-02")
    form.locator("[name=ends]").fill("2026-03-03")
    follow(controller, form.locator("button[type=submit]"))
    evaluation = Evaluation.objects.get(title=TITLE)
    assert (evaluation.unit, evaluation.framework, evaluation.kind) == (
        world.unit_a,
        framework,
        "self",
    )
    expect(controller).to_have_url(re.compile(rf"{evaluation_url(evaluation)}$"))
    expect(controller.locator(".messages")).to_be_visible()
    expect(controller.locator("h1")).to_have_text(TITLE)
    scores = controller.locator("main table").first
    expect(scores.locator("tbody tr")).to_have_count(8)
    expect(scores.locator("tfoot td")).to_have_text(["–", "800"])

    # Area 1: a score of 120 is refused, with the range named, and nothing is saved.
    score_url = f"{evaluation_url(evaluation)}areas/{area_1.pk}/"
    follow(controller, area_section(controller, 1).locator(f"a[href='{score_url}']"))
    form = controller.locator("main form.stacked")
    narrative = "Kommunen informerar medborgarna i flera kanaler och följer upp dem."
    form.locator("[name=score]").fill("120")
    form.locator(f"[name=sub_{sub_area.pk}]").fill(narrative)
    follow(controller, form.locator("button[type=submit]"))
    expect(controller).to_have_url(re.compile(rf"{score_url}$"))
    error = controller.locator("main #id_score_error")
    expect(error).to_be_visible()
    expect(error).to_have_text("Poängen måste vara mellan 0 och 100.")
    expect(form.locator("[name=score]")).to_have_attribute("aria-invalid", "true")
    expect(form.locator(f"[name=sub_{sub_area.pk}]")).to_have_value(narrative)  # input kept
    assert AreaScore.objects.get(evaluation=evaluation, area=area_1).score is None
    assert not SubAreaNarrative.objects.filter(evaluation=evaluation).exclude(text="").exists()

    # 68 is saved, with the sub-area's narrative.
    form.locator("[name=score]").fill("68")
    follow(controller, form.locator("button[type=submit]"))
    expect(controller).to_have_url(re.compile(rf"{evaluation_url(evaluation)}#area-1$"))
    expect(controller.locator(".messages")).to_be_visible()
    assert AreaScore.objects.get(evaluation=evaluation, area=area_1).score == 68
    assert SubAreaNarrative.objects.get(evaluation=evaluation, sub_area=sub_area).text == narrative
    section = area_section(controller, 1)
    expect(section).to_contain_text(of_total(68, 100))
    expect(section.locator("h3", has_text=sub_area.name)).to_be_visible()
    expect(section).to_contain_text(narrative)
    expect(controller.locator("main dl.facts")).to_contain_text(of_total(68, 800))

    # A strength and an improvement area in area 1.
    strength = "Tydlig strategi för information till medborgarna."
    improvement = "Medborgardialogen behöver följas upp systematiskt."
    findings = []
    for kind, text in (("strength", strength), ("improvement", improvement)):
        add = f"{evaluation_url(evaluation)}findings/new/?area={area_1.pk}"
        follow(controller, area_section(controller, 1).locator(f"a[href='{add}']"))
        form = controller.locator("main form.stacked")
        expect(form.locator("[name=area]")).to_have_value(str(area_1.pk))
        form.locator("[name=kind]").select_option(kind)
        form.locator("[name=text]").fill(text)
        follow(controller, form.locator("button[type=submit]"))
        expect(controller).to_have_url(re.compile(rf"{evaluation_url(evaluation)}#area-1$"))
        expect(controller.locator(".messages")).to_be_visible()
        finding = Finding.objects.get(evaluation=evaluation, text=text)
        assert (finding.kind, finding.area) == (kind, area_1)
        findings.append(finding)
    listed = area_section(controller, 1).locator("ul.findings > li")
    expect(listed).to_have_count(2)
    expect(listed.filter(has_text=strength)).to_have_count(1)
    finding = findings[1]
    action_url = f"{ORG}quality/findings/{finding.pk}/action/"
    # Only the improvement area can become an action.
    expect(listed.filter(has_text=strength).locator("a[href$='/action/']")).to_have_count(0)

    # The improvement area becomes an action in Enhet A's action list.
    row = listed.filter(has_text=improvement)
    follow(controller, row.locator(f"a[href='{action_url}']"))
    form = controller.locator("main form.stacked")
    expect(form.locator("[name=title]")).to_have_value(improvement)
    expect(form.locator("[name=unit]")).to_have_value(str(world.unit_a.pk))
    title = "Inför systematisk uppföljning av medborgardialogen"
    form.locator("[name=title]").fill(title)
    form.locator("[name=responsible]").select_option(str(world.manager.pk))
    form.locator("[name=due]").fill("2026-12-31")
    follow(controller, form.locator("button[type=submit]"))
    expect(controller).to_have_url(re.compile(rf"{evaluation_url(evaluation)}#area-1$"))
    expect(controller.locator(".messages")).to_be_visible()
    action = FindingAction.objects.get(finding=finding).action
    assert (action.title, action.unit, action.responsible) == (title, world.unit_a, world.manager)
    assert Action.objects.count() == 1

    # The evaluation links to the action, and the action says where it came from.
    link = area_section(controller, 1).locator(
        f"ul.finding-actions a[href='{ORG}actions/{action.pk}/']"
    )
    expect(link).to_have_text(title)
    follow(controller, link)
    expect(controller).to_have_url(re.compile(rf"{ORG}actions/{action.pk}/$"))
    expect(controller.locator("h1")).to_contain_text(title)
    facts = controller.locator("main dl.facts")
    expect(facts.locator("dt", has_text="Uppkom genom")).to_have_count(1)
    back = f"{evaluation_url(evaluation)}#area-1"
    caused_by = facts.locator("dd").filter(has=controller.locator(f"a[href='{back}']"))
    expect(caused_by).to_have_count(1)
    expect(caused_by).to_contain_text(TITLE)

    # Back to the evaluation and on to the comparison: the radar chart and its table.
    follow(controller, caused_by.locator(f"a[href='{back}']"))
    follow(
        controller, controller.locator(f"main a[href='{evaluation_url(evaluation)}compare/']").first
    )
    chart = controller.locator("main figure svg[role=img], main figure img")
    expect(chart).to_have_count(1)
    label = chart.get_attribute("aria-label") or chart.get_attribute("alt") or ""
    assert TITLE in label and "68" in label, label
    table = controller.locator("main table").filter(has=controller.locator("caption"))
    expect(table).to_have_count(1)
    expect(table.locator("thead th")).to_have_count(1 + 8 + 1)  # series, eight areas, total
    own = table.locator("tbody tr").filter(has_text=TITLE)
    expect(own).to_have_count(1)
    expect(own.locator("td").first).to_have_text("68")
    expect(own.locator("td").last).to_have_text(re.compile(r"^68.*1 av 8 områden bedömda"))

    # The report, and its PDF through a document run.
    follow(controller, controller.locator(f"main nav a[href='{evaluation_url(evaluation)}']"))
    follow(controller, controller.locator(f"main a[href='{evaluation_url(evaluation)}report/']"))
    document = controller.locator(".document")
    expect(document).to_contain_text(improvement)
    expect(document).to_contain_text(narrative)
    follow(controller, controller.get_by_role("button", name="Ladda ner som PDF"))
    run = DocumentRun.objects.get(object_id=evaluation.pk)
    expect(controller).to_have_url(re.compile(rf"{ORG}documents/runs/{run.pk}/$"))
    expect(controller.locator("#run-progress")).to_contain_text("Klar")
    pdf = download(controller, controller.locator("#run-progress a[href$='/download/']"), tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")

    # Enhet B's manager, on the sibling unit, does not find the evaluation.
    outsider = open_as(new_page, "outsider")
    for path in ("", "compare/", "report/", f"areas/{area_1.pk}/"):
        response = visit(outsider, evaluation_url(evaluation) + path)
        assert response.status == 404, path
        expect(outsider.locator("body")).not_to_contain_text(improvement)
    visit(outsider, Q)
    expect(outsider.locator("main")).not_to_contain_text(TITLE)


# --- the demo --------------------------------------------------------------------------------


VASBY = "/o/upplands-vasby/"
STOCKHOLM = "/o/stockholm/"
KK_TITLE = "KommunKompassen – analys av Upplands Väsby 2011"
KU_TITLE = "Tävlingsbidrag Kvalitetsutmärkelsen 2012 – Verksamhetsområde ekonomiadministration"


def test_the_demo_evaluation_and_entry(new_page, demo):
    reader = new_page()
    log_in(reader, "lasare", DEMO_PASSWORD)
    open_quality(reader, VASBY)
    evaluation = Evaluation.objects.get(title=KK_TITLE)
    url = evaluation_url(evaluation, VASBY)
    follow(reader, reader.locator(f"main a[href='{url}']"))
    expect(reader.locator("h1")).to_have_text(KK_TITLE)
    expect(reader.locator("main dl.facts")).to_contain_text(of_total(499, 800))
    scores = reader.locator("main table").first
    expect(scores.locator("tfoot td")).to_have_text(["499", "800"])
    editing = "main a[href*='/edit/'], main a[href$='/new/'], main a[href*='/areas/']"
    expect(reader.locator(editing)).to_have_count(0)  # a reader changes nothing
    # The improvement area that became an action, with its status.
    expect(area_section(reader, 6).locator("ul.finding-actions")).to_contain_text(
        "Ta fram en kommunövergripande personalstrategi"
    )

    follow(reader, reader.locator(f"main a[href='{url}compare/']").first)
    chart = reader.locator("main figure svg[role=img], main figure img")
    expect(chart).to_have_count(1)
    label = chart.get_attribute("aria-label") or chart.get_attribute("alt") or ""
    assert "68" in label and "41" in label, label
    table = reader.locator("main table").filter(has=reader.locator("caption"))
    own = table.locator("tbody tr").filter(has_text=KK_TITLE)
    expect(own).to_have_count(1)
    expect(own.locator("td")).to_have_text(["68", "63", "84", "60", "69", "41", "51", "63", "499"])
    # The reference series exists but has no values: the seed prints none.
    expect(table.locator("tbody tr").filter(has_text="Snitt för kommuner")).to_have_count(1)

    follow(reader, reader.locator(f"main nav a[href='{url}']"))
    follow(reader, reader.locator(f"main a[href='{url}report/']"))
    document = reader.locator(".document")
    expect(document).to_contain_text("Christine Feuk")
    expect(document).to_contain_text("Borås Stad")
    expect(reader.get_by_role("button", name="Ladda ner som PDF")).to_be_visible()

    # Serviceförvaltningen's entry: the unit manager who wrote it reads the answer to question 1.
    writer = new_page()
    log_in(writer, "ekonomichef", DEMO_PASSWORD)
    open_quality(writer, STOCKHOLM)
    follow(writer, writer.locator("main a", has_text=KU_TITLE))
    expect(writer.locator("h1")).to_have_text(KU_TITLE)
    expect(writer.locator("main h3#q-1")).to_be_visible()
    answer = writer.locator("main h3#q-1 + p + p")  # the heading, the question, the answer
    expect(answer).to_contain_text(" ".join(KU_ANSWERS[1].split()[:6]))


# --- frameworks ------------------------------------------------------------------------------


def test_an_administrator_exports_a_framework_and_a_malformed_file_is_refused(
    new_page, world, frameworks, tmp_path
):
    framework = frameworks
    admin = open_as(new_page, "admin")
    open_quality(admin, ORG)
    follow(admin, admin.locator(f"main a[href='{Q}frameworks/']"))
    rows = admin.locator("main table tbody tr")
    listed = FrameworkVersion.objects.count()
    expect(rows).to_have_count(listed)
    framework_url = f"{Q}frameworks/{framework.pk}/"
    follow(admin, admin.locator(f"main a[href='{framework_url}']"))
    expect(admin.locator("h1")).to_have_text(str(framework))
    expect(admin.locator("main section[aria-labelledby^=area-] h3")).to_have_count(8)

    # Export: the framework as a JSON file.
    path = download(admin, admin.locator(f"main a[href='{framework_url}export/']"), tmp_path)
    assert path.suffix == ".json"
    data = json.loads(path.read_text("utf-8"))
    assert (data["format"], data["code"], data["version_label"]) == (
        "roder-framework",
        "kommunkompassen",
        "2010",
    )
    assert [area["max_score"] for area in data["areas"]] == [100] * 8

    # Import a malformed file: refused with the problems named, nothing written.
    bad = tmp_path / "trasig.json"
    bad.write_text(
        json.dumps({"format": "roder-framework", "format_version": 1, "code": "", "areas": []}),
        encoding="utf-8",
    )
    follow(admin, admin.locator(f"main nav.breadcrumbs a[href='{Q}frameworks/']"))
    follow(admin, admin.locator(f"main a[href='{Q}frameworks/import/']"))
    form = admin.locator("main form.stacked")
    form.locator("input[type=file][name=file]").set_input_files(bad)
    follow(admin, form.locator("button[type=submit]"))
    expect(admin).to_have_url(re.compile(rf"{Q}frameworks/import/$"))
    error = admin.locator("main #id_file_error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(form.locator("[name=file]")).to_have_attribute("aria-invalid", "true")
    assert FrameworkVersion.objects.count() == listed

    # Not even JSON: refused too.
    bad.write_text("{ det här är inte JSON", encoding="utf-8")
    form.locator("input[type=file][name=file]").set_input_files(bad)
    follow(admin, form.locator("button[type=submit]"))
    expect(admin.locator("main #id_file_error")).to_be_visible()
    assert FrameworkVersion.objects.count() == listed

    # The list shows the same frameworks as before.
    follow(admin, admin.locator(f"main nav.breadcrumbs a[href='{Q}']"))
    follow(admin, admin.locator(f"main a[href='{Q}frameworks/']"))
    expect(admin.locator("main table tbody tr")).to_have_count(listed)
