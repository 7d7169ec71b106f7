from django import forms
from django.utils.translation import gettext_lazy as _

from roder.actions.models import ActionStatus
from roder.actions.selectors import OPEN
from roder.core.forms import DateInput, VersionField
from roder.organisation.forms import people_of


def _unit_label(unit, top_depth: int) -> str:
    return "\u2003" * (unit.depth - top_depth) + unit.name


def unit_choices(units) -> list[tuple]:
    units = list(units)
    top = min((unit.depth for unit in units), default=0)
    return [(unit.pk, _unit_label(unit, top)) for unit in units]


class ActionFilterForm(forms.Form):
    """The GET filters of the list, the meeting mode and the Excel export. Choices are only
    read when the form is shown, so the export pays no queries for them."""

    unit = forms.IntegerField(label=_("Unit"), required=False, widget=forms.Select)
    person = forms.IntegerField(label=_("Responsible"), required=False, widget=forms.Select)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (OPEN, _("Open (not done or cancelled)")),
            *ActionStatus.choices,
        ],
    )
    due_before = forms.DateField(label=_("Due on or before"), required=False, widget=DateInput())
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, grants, **kwargs):
        super().__init__(*args, **kwargs)
        units = grants.visible_units().order_by("path")
        people = people_of(grants.organisation)
        self.fields["unit"].widget.choices = lambda: [("", _("All units")), *unit_choices(units)]
        self.fields["person"].widget.choices = lambda: (
            [("", _("Everyone"))] + [(person.pk, str(person)) for person in people]
        )

    def filters(self) -> dict:
        """The valid filters; a value that does not parse is left out (and shown as an error)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "unit_pk": data.get("unit"),
            "responsible": data.get("person"),
            "status": data.get("status") or None,
            "due_before": data.get("due_before"),
            "overdue_only": bool(data.get("overdue")),
        }


class UnitChoiceForm(forms.Form):
    """The first step of a new action when no unit is given: where does it belong?"""

    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices(units)


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    unit = forms.IntegerField(
        label=_("Unit"),
        widget=forms.Select,
        help_text=_("Move the action to another unit where you plan actions."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    responsible = forms.TypedChoiceField(
        label=_("Responsible"), coerce=int, required=False, empty_value=None
    )
    starts = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    due = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.NOT_STARTED
    )
    goals = forms.TypedMultipleChoiceField(
        label=_("Serves the goals"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Goals of the action's unit and of the units above it."),
    )
    version = VersionField(required=False)

    def __init__(self, *args, organisation, goals, units=None, **kwargs):
        """`units`: where the action may be moved (editing); None on a new action, whose unit
        is fixed."""
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people_of(organisation)}
        self.goal_map = {goal.pk: goal for goal in goals}
        self.fields["responsible"].choices = [("", "—")] + [
            (person.pk, str(person)) for person in self.people.values()
        ]
        self.fields["goals"].choices = [
            (goal.pk, f"{goal.plan.year} · {goal.plan.unit.name}: {goal}")
            for goal in self.goal_map.values()
        ]
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].widget.choices = unit_choices(units)

    def clean_responsible(self):
        pk = self.cleaned_data["responsible"]
        return None if pk is None else self.people[pk]

    def clean_goals(self):
        return [self.goal_map[pk] for pk in self.cleaned_data["goals"]]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    version = VersionField()


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))
