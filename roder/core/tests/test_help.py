"""'Så här gör du' on the main pages (core.help, {% help %}) and the guides at /help/."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from roder.core import guide, help

pytestmark = pytest.mark.django_db

# Every main page shows its help right after its <h1> (issue 13, part 6).
PAGES = {
    "home/start.html": "start",
    "wheel/wheel.html": "wheel",
    "organisation/tree.html": "tree",
    "organisation/unit_detail.html": "unit",
    "followup/strategy_map.html": "strategy_map",
    "followup/scorecard.html": "scorecard",
    "followup/unit_report.html": "report",
    "followup/assess.html": "assess",
    "followup/overview.html": "overview",
    "indicators/list.html": "indicators",
    "actions/list.html": "actions",
    "control/overview.html": "control",
    "quality/index.html": "quality",
    "economy/index.html": "economy",
    "surveys/overview.html": "surveys",
    "periods/periods.html": "periods",
    "organisation/people.html": "people",
    "organisation/settings.html": "settings",
}


@pytest.mark.parametrize(("template", "key"), PAGES.items())
def test_each_main_page_shows_its_help_after_its_heading(template, key):
    from django.template.loader import get_template

    source = get_template(template).template.source
    lines = source.splitlines()
    heading = next(n for n, line in enumerate(lines) if line.startswith("<h1"))
    assert lines[heading + 1] == '{% load help %}{% help "' + key + '" %}'


def test_every_help_text_is_used_and_links_to_a_guide_that_exists():
    assert set(help.HELP) == set(PAGES.values())
    for entry in help.HELP.values():
        assert entry.guide in help.GUIDES
        assert entry.steps
    for name in help.GUIDES:
        assert (guide.folder() / f"{name}.md").is_file(), name


def test_the_tag_renders_a_disclosure_with_steps_and_the_guide():
    html = Template('{% load help %}{% help "scorecard" %}').render(Context())
    assert html.count("<details") == 1
    assert "<summary>" in html
    assert html.count("<li>") == len(help.HELP["scorecard"].steps)
    assert reverse("core:guide", kwargs={"name": "enhetschef"}) in html


def test_an_unknown_help_is_an_error():
    with pytest.raises(KeyError):
        Template('{% load help %}{% help "nowhere" %}').render(Context())


def test_the_markdown_of_the_guides_is_escaped_and_reads_its_subset():
    body = guide.render(
        [
            "## Steg <script>",
            "Text med **fetstil** och [en länk](lasare.md) och [farlig](javascript:alert(1)).",
            "",
            "1. ett",
            "2. två",
            "   fortsättning",
            "",
            "- punkt",
            "![Bild & text](img/lasare-1-start.png)",
        ]
    )
    assert "<script>" not in body
    assert '<h2 id="steg-script">Steg &lt;script&gt;</h2>' in body
    assert "<strong>fetstil</strong>" in body
    assert f'<a href="{reverse("core:guide", kwargs={"name": "lasare"})}">en länk</a>' in body
    assert "javascript" not in body.replace("farlig", "")
    assert "<ol><li>ett</li><li>två fortsättning</li></ol>" in body
    assert "<ul><li>punkt</li></ul>" in body
    assert 'alt="Bild &amp; text"' in body


@pytest.mark.parametrize("name", list(help.GUIDES))
def test_each_guide_opens_with_its_pictures(world, client_for, name):
    client = client_for(world.reader)
    response = client.get(reverse("core:guide", kwargs={"name": name}))
    assert response.status_code == 200
    page = response.content.decode()
    images = re.findall(r'<img src="([^"]+)"', page)
    assert 2 <= len(images) <= 6, images
    for src in images:
        picture = client.get(src)
        assert picture.status_code == 200
        assert picture["Content-Type"] == "image/png"
        assert b"".join(picture.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_guides_need_a_login_and_refuse_other_files(world, client, client_for):
    assert client.get(reverse("core:guides")).status_code == 302
    reader = client_for(world.reader)
    assert reader.get(reverse("core:guides")).status_code == 200
    assert reader.get(reverse("core:guide", kwargs={"name": "nobody"})).status_code == 404
    for name in ["..%2Fcontroller.md", "controller.md", "nothing.png"]:
        assert reader.get(f"/help/img/{name}").status_code == 404
