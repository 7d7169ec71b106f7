"""The list and detail pages cost the same number of queries for small and large data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.models import Action
from roder.quality.entries import services as entry_services
from roder.quality.frameworks import services as framework_services
from roder.quality.models import Evaluation, Finding, FindingAction
from roder.quality.testing import kommunkompassen, make_entry, make_evaluation

pytestmark = pytest.mark.django_db


def count(client, path) -> int:
    client.get(path)  # warm the content type cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def url(name, world, **kwargs):
    return reverse(f"quality:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def grow(evaluation, n):
    """`n` findings per area (bulk), one in three with an action."""
    areas = list(evaluation.framework.areas.all())
    kinds = ["strength", "improvement", "weakness", "good_example"]
    Finding.objects.bulk_create(
        Finding(
            evaluation=evaluation,
            area=area,
            kind=kinds[i % 4],
            text=f"Iakttagelse {i}",
            municipality="Borås" if i % 4 == 3 else "",
            order=i,
        )
        for area in areas
        for i in range(n)
    )
    actionable = list(evaluation.findings.filter(kind__in=["improvement", "weakness"]))[::3]
    Action.objects.bulk_create(
        Action(unit=evaluation.unit, title=f"Åtgärd {f.pk}") for f in actionable
    )
    actions = list(
        Action.objects.filter(title__startswith="Åtgärd").order_by("-pk")[: len(actionable)]
    )
    FindingAction.objects.bulk_create(
        FindingAction(finding=f, action=a) for f, a in zip(actionable, actions, strict=True)
    )


def test_the_evaluation_page_costs_the_same_for_many_findings(world, client_for):
    first = make_evaluation(world.unit_a, title="Första")
    evaluation = make_evaluation(world.unit_a, title="Andra")
    client = client_for(world.controller)
    path = url("evaluation_detail", world, pk=evaluation.pk)
    grow(evaluation, 2)
    grow(first, 2)
    small = count(client, path)
    grow(evaluation, 12)
    grow(first, 6)
    assert count(client, path) == small


def test_the_report_and_comparison_cost_the_same_for_many_findings_and_units(world, client_for):
    evaluation = make_evaluation(world.unit_a)
    client = client_for(world.admin)
    paths = [url(n, world, pk=evaluation.pk) for n in ("evaluation_report", "evaluation_compare")]
    grow(evaluation, 2)
    small = [count(client, path) for path in paths]
    grow(evaluation, 10)
    for unit in (world.unit_b, world.administration, world.committee):
        other = make_evaluation(unit, title=f"Utvärdering {unit.name}")
        grow(other, 3)
    assert [count(client, path) for path in paths] == small


def test_the_index_costs_the_same_for_many_evaluations(world, client_for):
    make_evaluation(world.unit_a)
    make_entry(world.unit_a)
    client = client_for(world.admin)
    path = url("index", world)
    small = count(client, path)
    kk = kommunkompassen()
    Evaluation.objects.bulk_create(
        Evaluation(unit=world.unit_b, framework=kk, title=f"Utvärdering {n}") for n in range(30)
    )
    for n in range(5):
        make_entry(world.unit_b, title=f"Bidrag {n}")
    assert count(client, path) == small


def test_the_entry_and_framework_pages_cost_the_same_with_more_data(world, client_for):
    entry = make_entry(world.unit_a)
    client = client_for(world.admin)
    paths = [url("entry_detail", world, pk=entry.pk), url("framework_list", world)]
    small = [count(client, path) for path in paths]
    for answer in entry.answers.all():
        entry_services.answer_save(
            answer=answer, text="Svar", expected_version=answer.version, by=None
        )
    for _n in range(3):
        framework_services.framework_copy(
            source=kk_or(entry), organisation=world.organisation, by=None
        )
    assert [count(client, path) for path in paths] == small


def kk_or(entry):
    return entry.framework
