"""Trends you can read (issue 13, part 3): the scorecard's sparkline per indicator says its
numbers in text, and a click on it opens the indicator's page with the larger chart and the
table of outcomes per period. In the demo, as the unit manager of Väsby Direkt. Screenshots go
to var/guide/ (for the user guide; never tracked files)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roder.demo.personas import DEMO_PASSWORD
from roder.organisation.models import Unit
from tests.browser.conftest import follow, log_in, visit
from tests.browser.test_guide import shoot

pytestmark = pytest.mark.browser

ORG = "upplands-vasby"
SERVICEGRAD = "Servicegrad på telefon"


def test_the_scorecard_s_sparkline_leads_to_the_indicator_s_chart_and_table(page, demo):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "enhetschef", DEMO_PASSWORD)
    vd = Unit.objects.get(organisation__slug=ORG, code="SP-VD")
    visit(page, reverse("followup:scorecard", kwargs={"org": ORG, "unit_pk": vd.pk}))

    row = page.locator("tr", has=page.locator("th", has_text=SERVICEGRAD))
    spark = row.locator("td.trend a.spark")
    expect(spark).to_have_count(1)
    # The numbers are text: the sparkline is an image named by its <title>, period by period.
    chart = spark.locator("svg.sparkline[role=img]")
    expect(chart).to_be_visible()
    title = chart.locator("title")
    expect(title).to_contain_text("Tertial 1 2026 87\u00a0%")
    expect(title).to_contain_text("Delårsrapport 2026 79\u00a0%")
    expect(title).to_contain_text("målvärde 85\u00a0%")
    expect(spark).to_have_accessible_name(re.compile(r"^Trend för Servicegrad på telefon"))
    row.scroll_into_view_if_needed()
    shoot(page, "enhetschef-2b-scorecard-trend")

    follow(page, spark)
    expect(page).to_have_url(re.compile(rf"/o/{ORG}/indicators/\d+/\?unit={vd.pk}&period=\d+$"))
    section = page.locator("section[aria-labelledby=outcomes-heading]")
    expect(section.locator("h2")).to_have_text("Utfall över tid vid Väsby Direkt")
    larger = section.locator("figure.doc-chart img")
    expect(larger).to_be_visible()
    expect(larger).to_have_attribute("alt", re.compile(r"Delårsrapport 2026 79\u00a0%"))
    assert (larger.bounding_box() or {"width": 0})["width"] > 200  # larger than the sparkline
    table = section.locator("table")
    expect(table.locator("caption")).to_contain_text("vid Väsby Direkt per period")
    current = table.locator("tr[aria-current=true]")
    expect(current.locator("th")).to_have_text("Delårsrapport 2026")
    expect(current.locator("td").nth(0)).to_have_text("79\u00a0%")
    expect(current.locator("td").nth(1)).to_have_text("85\u00a0%")
    expect(table.locator("tr", has_text="Tertial 1 2026").locator("td").first).to_have_text(
        "87\u00a0%"
    )
    section.scroll_into_view_if_needed()
    shoot(page, "enhetschef-2c-indicator-trend")
