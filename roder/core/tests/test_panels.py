"""Page panels (core.panels): order, leaving a panel out, one key per slot, rendering."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import RequestFactory

from roder.core.panels import START_PAGE, BoundPanel, Panel, Slot
from roder.organisation.panels import UNIT_LINKS
from roder.planning.panels import GOAL_PAGE


def test_it_binds_panels_in_order_and_leaves_out_those_with_nothing_to_show():
    slot = Slot("test")
    slot.register(Panel("b", 20, "b.html", lambda request, grants, obj: {"n": obj}))
    slot.register(Panel("a", 20, "a.html", lambda request, grants, obj: {"n": obj + 1}))
    slot.register(Panel("first", 10, "c.html", lambda request, grants, obj: None))
    bound = slot.bind(RequestFactory().get("/"), None, 1)
    assert bound == [BoundPanel("a", "a.html", {"n": 2}), BoundPanel("b", "b.html", {"n": 1})]


def test_it_refuses_two_panels_with_one_key_but_takes_the_same_one_twice():
    slot = Slot("test")
    panel = Panel("a", 10, "a.html", lambda request, grants, obj: {})
    slot.register(panel)
    slot.register(panel)
    with pytest.raises(ImproperlyConfigured):
        slot.register(Panel("a", 20, "other.html", panel.context))


def test_a_panel_sees_the_page_context_and_its_own_only_inside(tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    (tmp_path / "p.html").write_text("<li>{{ page }} {{ own }}</li>")
    page = Template("{% load panels %}{% for p in panels %}{% panel p %}{% endfor %}[{{ own }}]")
    html = page.render(
        Context({"page": "goal", "panels": [BoundPanel("p", "p.html", {"own": "x&y"})]})
    )
    assert html == "<li>goal x&amp;y</li>[]"


def test_the_pages_show_the_sections_in_todays_order():
    assert [p.key for p in GOAL_PAGE.panels()] == ["indicators", "actions", "risks", "followup"]
    assert [p.key for p in UNIT_LINKS.panels()] == [
        "plans",
        "scorecard",
        "selfassessment",
        "surveys",
        "actions",
        "control",
        "economy",
        "wheel",
        "documents",
        "complaints",
        "reports",
    ]
    assert [p.key for p in START_PAGE.panels()] == ["notices", "reports", "actions"]
