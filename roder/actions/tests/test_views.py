"""Every action page and write, tried by each persona of the test world."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from roder.actions import services
from roder.actions.models import Action, ActionNote
from roder.actions.testing import days, make_action
from roder.planning.testing import make_goal, make_plan
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db

EDIT_A = READ_A | {"reporter": 403, "reader": 403}
WRITE_A = EDIT_A | {"admin": 302, "controller": 302, "manager": 302}
UPDATE_A = WRITE_A | {"reporter": 302}
EDITS_SOMEWHERE = {name: 200 for name in PERSONAS} | {"reporter": 403, "reader": 403}
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, world, **kwargs):
    return reverse(f"actions:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def action(world):
    return make_action(world.unit_a, "Ny rutin för klagomål", due=days(20), starts=days(-5))


@pytest.fixture
def spread(world):
    return {
        "late": make_action(world.unit_a, "A sen", due=days(-3), responsible=world.reporter),
        "soon": make_action(world.unit_a, "A snart", due=days(7), status="ongoing"),
        "done": make_action(world.unit_a, "A klar", due=days(-10), status="done"),
        "b": make_action(world.unit_b, "B:s åtgärd", due=days(1), responsible=world.outsider),
    }


def listed(response) -> set[str]:
    return {action.title for action in response.context["actions"]}


# --- access --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_reads_the_list_of_the_units_they_see(world, client_for, persona, spread):
    response = client_for(world.personas[persona]).get(url("action_list", world))
    assert response.status_code == 200
    expected = {"B:s åtgärd"} if persona == "outsider" else {"A sen", "A snart", "A klar"}
    if persona in ("admin", "controller", "reader"):
        expected |= {"B:s åtgärd"}
    assert listed(response) == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_unit_filter_follows_the_tree(world, client_for, persona, spread):
    client = client_for(world.personas[persona])
    params = {"unit": world.unit_a.pk}
    assert client.get(url("action_list", world), params).status_code == READ_A[persona]
    assert client.get(url("action_export", world), params).status_code == READ_A[persona]
    meeting = {**params, "meeting": "1"}
    assert client.get(url("action_list", world), meeting).status_code == READ_A[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_an_action_follows_the_tree(world, client_for, persona, action):
    response = client_for(world.personas[persona]).get(url("action_detail", world, pk=action.pk))
    assert response.status_code == READ_A[persona]


def test_anonymous_visitors_are_sent_to_log_in(world, client, action):
    login = reverse("accounts:login")
    for path in [
        url("action_list", world),
        url("action_export", world),
        url("action_create", world),
        url("action_detail", world, pk=action.pk),
        url("action_edit", world, pk=action.pk),
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(login), path
    for path in [
        url("action_status", world, pk=action.pk),
        url("action_note", world, pk=action.pk),
    ]:
        response = client.post(path, {"status": "done", "version": 1, "text": "x"})
        assert response["Location"].startswith(login), path
    assert Action.objects.get(pk=action.pk).status == "not_started"
    assert not ActionNote.objects.exists()


def test_wrong_methods_are_refused(world, client_for, action):
    client = client_for(world.admin)
    assert client.post(url("action_list", world)).status_code == 405
    assert client.post(url("action_export", world)).status_code == 405
    assert client.post(url("action_detail", world, pk=action.pk)).status_code == 405
    assert client.get(url("action_status", world, pk=action.pk)).status_code == 405
    assert client.get(url("action_note", world, pk=action.pk)).status_code == 405
    assert client.delete(url("action_edit", world, pk=action.pk)).status_code == 405


def test_an_unknown_action_answers_404(world, client_for, action):
    client = client_for(world.admin)
    assert client.get(url("action_detail", world, pk=action.pk + 100)).status_code == 404
    assert (
        client.post(url("action_note", world, pk=action.pk + 100), {"text": "x"}).status_code == 404
    )


# --- create and edit -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_people_who_plan_actions_open_the_create_pages(world, client_for, persona):
    client = client_for(world.personas[persona])
    assert client.get(url("action_create", world)).status_code == EDITS_SOMEWHERE[persona]
    response = client.get(url("action_create", world), {"unit": world.unit_a.pk})
    assert response.status_code == EDIT_A[persona]


def test_the_unit_choice_offers_the_units_where_the_person_plans(world, client_for):
    response = client_for(world.manager).get(url("action_create", world))
    choices = [pk for pk, _label in response.context["unit_form"].fields["unit"].choices]
    assert choices == [world.unit_a.pk]


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_create_actions(world, client_for, persona):
    client = client_for(world.personas[persona])
    response = client.post(
        url("action_create", world) + f"?unit={world.unit_a.pk}",
        {
            "title": "Utbilda personalen",
            "responsible": world.reporter.pk,
            "starts": "2026-02-01",
            "due": "2026-03-31",
            "status": "ongoing",
        },
    )
    assert response.status_code == WRITE_A[persona]
    created = Action.objects.filter(title="Utbilda personalen").first()
    assert (created is not None) == (WRITE_A[persona] == 302)
    if created:
        assert response["Location"] == url("action_detail", world, pk=created.pk)
        assert (created.unit, created.responsible, created.due, created.status) == (
            world.unit_a,
            world.reporter,
            datetime.date(2026, 3, 31),
            "ongoing",
        )


def test_the_create_form_links_goals_of_the_unit_and_above(world, client_for):
    own = make_goal(make_plan(world.unit_a), "Svar inom 8 timmar")
    above = make_goal(make_plan(world.committee), "Nöjda kunder")
    sibling = make_goal(make_plan(world.unit_b), "B:s mål")
    client = client_for(world.manager)
    path = url("action_create", world) + f"?unit={world.unit_a.pk}"
    offered = [pk for pk, _label in client.get(path).context["form"].fields["goals"].choices]
    assert set(offered) == {own.pk, above.pk}
    data = {"title": "Kortare svarstider", "status": "not_started", "goals": [own.pk, above.pk]}
    assert client.post(path, data).status_code == 302
    assert set(Action.objects.get().goals.all()) == {own, above}
    refused = client.post(path, {**data, "title": "Fel mål", "goals": [sibling.pk]})
    assert refused.status_code == 200
    assert "goals" in refused.context["form"].errors
    assert Action.objects.count() == 1


def test_the_create_form_keeps_the_input_when_the_dates_are_backwards(world, client_for):
    response = client_for(world.manager).post(
        url("action_create", world) + f"?unit={world.unit_a.pk}",
        {
            "title": "Baklänges",
            "status": "not_started",
            "starts": "2026-05-01",
            "due": "2026-04-01",
        },
    )
    assert response.status_code == 200
    assert "due" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Baklänges"
    assert not Action.objects.exists()


def test_the_create_form_refuses_a_responsible_person_outside_the_organisation(world, client_for):
    from roder.testing import make_organisation, make_person

    stranger = make_person(make_organisation("Grannkommun", "grannkommun"), "stranger")
    response = client_for(world.manager).post(
        url("action_create", world) + f"?unit={world.unit_a.pk}",
        {"title": "Främling", "status": "not_started", "responsible": stranger.pk},
    )
    assert response.status_code == 200
    assert "responsible" in response.context["form"].errors
    assert not Action.objects.exists()


def edit_data(action, **changes):
    data = {
        "title": action.title,
        "unit": action.unit_id,
        "description": action.description,
        "responsible": action.responsible_id or "",
        "starts": action.starts or "",
        "due": action.due or "",
        "status": action.status,
        "version": action.version,
    }
    return data | changes


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_edit_actions(world, client_for, persona, action):
    client = client_for(world.personas[persona])
    path = url("action_edit", world, pk=action.pk)
    assert client.get(path).status_code == EDIT_A[persona]
    response = client.post(path, edit_data(action, title="Ändrad rutin", description="Så här."))
    assert response.status_code == WRITE_A[persona]
    action.refresh_from_db()
    changed = (action.title, action.description) == ("Ändrad rutin", "Så här.")
    assert changed == (WRITE_A[persona] == 302)


def test_an_edit_with_a_stale_version_is_refused_on_the_form(world, client_for, action):
    services.action_update(action=action, expected_version=1, by=world.admin, title="Först")
    response = client_for(world.manager).post(
        url("action_edit", world, pk=action.pk), edit_data(action, title="Sist", version=1)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Action.objects.get(pk=action.pk).title == "Först"


def test_moving_an_action_needs_the_editors_role_on_the_new_unit(world, client_for, action):
    manager = client_for(world.manager)
    path = url("action_edit", world, pk=action.pk)
    assert manager.post(path, edit_data(action, unit=world.unit_b.pk)).status_code == 404
    assert Action.objects.get(pk=action.pk).unit == world.unit_a
    controller = client_for(world.controller)
    assert controller.post(path, edit_data(action, unit=world.unit_b.pk)).status_code == 302
    assert Action.objects.get(pk=action.pk).unit == world.unit_b


# --- status and notes ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_reporters_and_above_set_the_status(world, client_for, persona, action):
    response = client_for(world.personas[persona]).post(
        url("action_status", world, pk=action.pk), {"status": "ongoing", "version": 1}
    )
    assert response.status_code == UPDATE_A[persona]
    action.refresh_from_db()
    assert (action.status == "ongoing") == (UPDATE_A[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_reporters_and_above_add_notes(world, client_for, persona, action):
    response = client_for(world.personas[persona]).post(
        url("action_note", world, pk=action.pk), {"text": "Tog upp det på APT."}
    )
    assert response.status_code == UPDATE_A[persona]
    note = ActionNote.objects.filter(action=action).first()
    assert (note is not None) == (UPDATE_A[persona] == 302)
    if note:
        assert note.written_by == world.personas[persona]


def test_the_responsible_person_updates_their_own_action_but_does_not_edit_it(world, client_for):
    action = make_action(world.unit_a, "Läsarens åtgärd", responsible=world.reader)
    client = client_for(world.reader)
    status = client.post(
        url("action_status", world, pk=action.pk), {"status": "done", "version": 1}
    )
    note = client.post(url("action_note", world, pk=action.pk), {"text": "Klart."})
    assert (status.status_code, note.status_code) == (302, 302)
    assert client.get(url("action_edit", world, pk=action.pk)).status_code == 403
    action.refresh_from_db()
    assert action.status == "done"
    assert action.notes.get().text == "Klart."


def test_a_plain_status_post_goes_back_to_the_row_it_came_from(world, client_for, action):
    back = url("action_list", world) + "?status=open"
    response = client_for(world.reporter).post(
        url("action_status", world, pk=action.pk),
        {"status": "postponed", "version": 1, "next": back, "layout": "list"},
    )
    assert response["Location"] == f"{back}#action-{action.pk}"
    assert Action.objects.get(pk=action.pk).status == "postponed"


def test_a_next_address_on_another_site_is_ignored(world, client_for, action):
    response = client_for(world.reporter).post(
        url("action_note", world, pk=action.pk),
        {"text": "Anteckning", "next": "https://example.com/elsewhere"},
    )
    assert response["Location"] == url("action_detail", world, pk=action.pk)


def test_htmx_gets_only_the_updated_row(world, client_for, action):
    response = client_for(world.reporter).post(
        url("action_status", world, pk=action.pk),
        {"status": "ongoing", "version": 1, "next": url("action_list", world), "layout": "list"},
        **HTMX,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith(f'<tr id="action-{action.pk}"')
    assert "<html" not in page
    assert '<option value="ongoing" selected>' in page
    assert 'name="version" value="2"' in page  # the next change starts from the new version
    assert Action.objects.get(pk=action.pk).status == "ongoing"
    assert not list(get_messages(response.wsgi_request))


def test_htmx_gets_the_row_with_an_error_when_someone_else_changed_it(world, client_for, action):
    services.action_set_status(action=action, status="ongoing", expected_version=1, by=None)
    response = client_for(world.reporter).post(
        url("action_status", world, pk=action.pk),
        {"status": "cancelled", "version": 1, "layout": "list"},
        **HTMX,
    )
    page = response.content.decode()
    assert page.lstrip().startswith(f'<tr id="action-{action.pk}"')
    assert 'role="alert"' in page
    assert '<option value="ongoing" selected>' in page
    assert Action.objects.get(pk=action.pk).status == "ongoing"


def test_htmx_gets_only_the_meeting_item_after_a_note(world, client_for, action):
    response = client_for(world.manager).post(
        url("action_note", world, pk=action.pk),
        {"text": "Vi väntar på IT.", "layout": "meeting"},
        **HTMX,
    )
    page = response.content.decode()
    assert page.lstrip().startswith(f'<section id="action-{action.pk}"')
    assert "Vi väntar på IT." in page
    assert "<html" not in page
    assert action.notes.get().written_by == world.manager


def test_an_empty_note_writes_nothing(world, client_for, action):
    client = client_for(world.manager)
    response = client.post(
        url("action_note", world, pk=action.pk), {"text": "  ", "layout": "meeting"}, **HTMX
    )
    assert 'role="alert"' in response.content.decode()
    response = client.post(url("action_note", world, pk=action.pk), {"text": ""})
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert not ActionNote.objects.exists()


# --- list, filters, meeting mode -----------------------------------------------------------


def test_the_list_filters_by_unit_person_status_and_due_date(world, client_for, spread):
    client = client_for(world.admin)

    def pick(**params):
        return listed(client.get(url("action_list", world), params))

    assert pick(unit=world.unit_b.pk) == {"B:s åtgärd"}
    assert pick(unit=world.administration.pk) == {"A sen", "A snart", "A klar", "B:s åtgärd"}
    assert pick(person=world.reporter.pk) == {"A sen"}
    assert pick(status="ongoing") == {"A snart"}
    assert pick(status="open") == {"A sen", "A snart", "B:s åtgärd"}
    assert pick(due_before=days(1).isoformat()) == {"A sen", "A klar", "B:s åtgärd"}
    assert pick(overdue="on") == {"A sen"}
    assert pick(overdue="on", unit=world.unit_b.pk) == set()


def test_a_filter_that_does_not_parse_is_shown_and_not_applied(world, client_for, spread):
    response = client_for(world.admin).get(
        url("action_list", world), {"due_before": "snart", "status": "ongoing"}
    )
    assert response.status_code == 200
    assert "due_before" in response.context["filter_form"].errors
    assert listed(response) == {"A snart"}


def test_overdue_actions_stand_out_in_words_not_only_colour(world, client_for, spread):
    page = client_for(world.manager).get(url("action_list", world)).content.decode()
    late, done = spread["late"].pk, spread["done"].pk
    assert f'<tr id="action-{late}" class="row-late">' in page
    assert f'<tr id="action-{done}">' in page
    assert page.count('<strong class="tag late">') == 1


def test_only_those_who_may_update_get_the_status_control(world, client_for, spread):
    control = f'id="status-{spread["late"].pk}"'

    def page(person):
        return client_for(person).get(url("action_list", world)).content.decode()

    assert control in page(world.reporter)
    assert control not in page(world.reader)


def test_the_meeting_mode_walks_through_the_open_actions_with_their_notes(
    world, client_for, spread
):
    services.action_add_note(action=spread["late"], text="Väntar på leverantören.", by=None)
    response = client_for(world.manager).get(
        url("action_list", world), {"unit": world.unit_a.pk, "meeting": "1"}
    )
    assert [a.title for a in response.context["actions"]] == ["A sen", "A snart"]
    page = response.content.decode()
    assert "Väntar på leverantören." in page
    assert f'id="note-{spread["late"].pk}"' in page
    reader_page = client_for(world.reader).get(url("action_list", world), {"meeting": "1"})
    assert f'id="note-{spread["late"].pk}"' not in reader_page.content.decode()


def test_the_list_offers_a_new_action_for_a_unit_the_person_plans(world, client_for, spread):
    manager = client_for(world.manager).get(url("action_list", world), {"unit": world.unit_a.pk})
    assert manager.context["create_unit"] == world.unit_a
    reporter = client_for(world.reporter).get(url("action_list", world), {"unit": world.unit_a.pk})
    assert not reporter.context["can_create"]


def test_the_action_page_shows_its_notes_goals_and_history(world, client_for, action):
    goal = make_goal(make_plan(world.committee), "Nöjda kunder")
    services.action_update(action=action, expected_version=1, by=world.manager, goals=[goal])
    services.action_add_note(action=action, text="Första steget taget.", by=world.reporter)
    manager = client_for(world.manager).get(url("action_detail", world, pk=action.pk))
    page = manager.content.decode()
    assert "Första steget taget." in page
    assert 'id="history-heading"' in page
    assert len(manager.context["history"]) == 3  # created, goals changed, note
    assert "Nöjda kunder" in page
    # The manager of A cannot see the committee, so its goal is named but not linked.
    goal_url = reverse("planning:goal_detail", kwargs={"org": "testkommun", "pk": goal.pk})
    assert goal_url not in page
    controller = client_for(world.controller).get(url("action_detail", world, pk=action.pk))
    assert goal_url in controller.content.decode()


# --- Excel ---------------------------------------------------------------------------------


def test_the_export_is_an_excel_file_of_the_filtered_list(world, client_for, spread):
    services.action_add_note(action=spread["late"], text="Senaste nytt.", by=None)
    response = client_for(world.manager).get(url("action_export", world), {"status": "open"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="actions-testkommun-')
    assert disposition.endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == 8
    body = {row[0]: row for row in rows[1:]}
    assert set(body) == {"A sen", "A snart"}  # open actions of the units the manager sees
    late = body["A sen"]
    assert late[1] == "Enhet A"
    assert late[2] == str(world.reporter)
    assert late[4].date() == days(-3)
    assert late[6]  # overdue
    assert late[7] == "Senaste nytt."
    assert not body["A snart"][6]
