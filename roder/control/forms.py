import datetime
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.control.matrix import Band, Level, Matrix
from roder.control.models import MAX_SIZE, MIN_SIZE, Axis, ControlOutcome, ControlPlanStatus
from roder.control.models import ReportingTime as Time
from roder.core.forms import DateInput, GridFormSet, VersionField
from roder.organisation.forms import people_of
from roder.planning.selectors import category_tree

MAX_BANDS = 5
TIME_HELP = _(
    "T1 is the year's first tertial period; T2 its second tertial, or the interim report (delår) "
    "where there is no second tertial; year-end the year-end period."
)


def _people_choices(organisation) -> tuple[dict, list]:
    people = {person.pk: person for person in people_of(organisation)}
    return people, [("", "—")] + [(pk, str(person)) for pk, person in people.items()]


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class SizeForm(forms.Form):
    """GET: show the configuration form for another size."""

    size = forms.TypedChoiceField(
        label=_("Levels on each axis"),
        coerce=int,
        choices=[(n, f"{n} × {n}") for n in range(MIN_SIZE, MAX_SIZE + 1)],
    )


class MatrixForm(forms.Form):
    """Every level's label and description on both axes, and up to MAX_BANDS bands."""

    matrix_size = forms.IntegerField(
        widget=forms.HiddenInput, min_value=MIN_SIZE, max_value=MAX_SIZE
    )
    version = VersionField(required=False)

    def __init__(self, *args, size: int, matrix: Matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = size
        self.initial.setdefault("matrix_size", size)
        self.initial.setdefault("version", matrix.version)
        for axis in Axis:
            levels = {level.value: level for level in matrix_levels(matrix, axis)}
            for n in range(1, size + 1):
                self.fields[f"{axis}_{n}_label"] = forms.CharField(
                    label=_("%(axis)s %(n)s") % {"axis": axis.label, "n": n}, max_length=100
                )
                self.fields[f"{axis}_{n}_description"] = forms.CharField(
                    label=_("What %(axis)s %(n)s means") % {"axis": axis.label.lower(), "n": n},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                if n in levels:
                    self.initial.setdefault(f"{axis}_{n}_label", levels[n].label)
                    self.initial.setdefault(f"{axis}_{n}_description", levels[n].description)
        for i in range(MAX_BANDS):
            band = matrix.bands[i] if i < len(matrix.bands) else None
            number = i + 1
            self.fields[f"band_{i}_min"] = forms.IntegerField(
                label=_("Band %(n)s from") % {"n": number}, required=False, min_value=1
            )
            self.fields[f"band_{i}_max"] = forms.IntegerField(
                label=_("Band %(n)s to") % {"n": number}, required=False, min_value=1
            )
            self.fields[f"band_{i}_label"] = forms.CharField(
                label=_("Band %(n)s label") % {"n": number}, required=False, max_length=100
            )
            self.fields[f"band_{i}_colour"] = forms.CharField(
                label=_("Band %(n)s colour") % {"n": number},
                required=False,
                max_length=7,
                widget=forms.TextInput(attrs={"type": "color"}),
            )
            if band is not None:
                self.initial.setdefault(f"band_{i}_min", band.min_value)
                self.initial.setdefault(f"band_{i}_max", band.max_value)
                self.initial.setdefault(f"band_{i}_label", band.label)
                self.initial.setdefault(f"band_{i}_colour", band.colour)

    def axis_rows(self, axis: str) -> list[tuple]:
        return [
            (self[f"{axis}_{n}_label"], self[f"{axis}_{n}_description"])
            for n in range(1, self.size + 1)
        ]

    @property
    def probability_rows(self):
        return self.axis_rows(Axis.PROBABILITY)

    @property
    def consequence_rows(self):
        return self.axis_rows(Axis.CONSEQUENCE)

    @property
    def band_rows(self):
        return [
            tuple(self[f"band_{i}_{part}"] for part in ("min", "max", "label", "colour"))
            for i in range(MAX_BANDS)
        ]

    def levels(self, axis: str) -> list[Level]:
        data = self.cleaned_data
        return [
            Level(n, data[f"{axis}_{n}_label"], data[f"{axis}_{n}_description"])
            for n in range(1, self.size + 1)
        ]

    def bands(self) -> list[Band]:
        """The filled-in band rows; a row without a label and range is left out."""
        data, bands = self.cleaned_data, []
        for i in range(MAX_BANDS):
            low, high, label = data[f"band_{i}_min"], data[f"band_{i}_max"], data[f"band_{i}_label"]
            if low is None and high is None and not label.strip():
                continue
            bands.append(Band(low or 0, high or 0, label, data[f"band_{i}_colour"]))
        return bands


def matrix_levels(matrix: Matrix, axis: str) -> list[Level]:
    return matrix.probability if axis == Axis.PROBABILITY else matrix.consequence


class ControlPlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    copy_from = forms.TypedChoiceField(
        label=_("Start from"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, plans, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", datetime.date.today().year + 1)
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [("", _("An empty plan"))] + [
            (plan.pk, _("A copy of the plan for %(year)s") % {"year": plan.year}) for plan in plans
        ]


class ControlPlanForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ControlPlanStatus.choices)
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DateInput())
    version = VersionField()


class RiskForm(forms.Form):
    process = forms.CharField(
        label=_("Process"),
        max_length=200,
        help_text=_("The process, routine or system, e.g. Inköp och avtal."),
    )
    description = forms.CharField(label=_("Risk"), widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.TypedChoiceField(
        label=_("Perspective"), coerce=int, required=False, empty_value=None
    )
    # Integers with a select, so a value outside the matrix reaches the service's message.
    probability = forms.IntegerField(label=_("Probability"), widget=forms.Select)
    consequence = forms.IntegerField(label=_("Consequence"), widget=forms.Select)
    owner = forms.TypedChoiceField(
        label=_("Risk owner"), coerce=int, required=False, empty_value=None
    )
    goals = forms.TypedMultipleChoiceField(
        label=_("Goals at risk"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Goals of the plan's year, of the unit and of the units above it."),
    )
    version = VersionField(required=False)

    def __init__(self, *args, organisation, matrix: Matrix, goals, **kwargs):
        super().__init__(*args, **kwargs)
        tree = category_tree(organisation)
        self.categories = {category.pk: category for category, _depth in tree}
        category, owner, goal_field = (
            _choice_field(self, name) for name in ("category", "owner", "goals")
        )
        category.choices = [("", "—")] + [
            (c.pk, "\u2003" * depth + str(c)) for c, depth in tree if c.is_active
        ]
        for name, levels in (
            ("probability", matrix.probability),
            ("consequence", matrix.consequence),
        ):
            widget = self.fields[name].widget
            assert isinstance(widget, forms.Select)
            widget.choices = [("", "—")] + [
                (level.value, f"{level.value} – {level.label}") for level in levels
            ]
        self.people, owner.choices = _people_choices(organisation)
        self.goal_map = {goal.pk: goal for goal in goals}
        goal_field.choices = [
            (goal.pk, f"{goal.plan.unit.name}: {goal}") for goal in self.goal_map.values()
        ]

    def clean_category(self):
        pk = self.cleaned_data["category"]
        return None if pk is None else self.categories[pk]

    def clean_owner(self):
        pk = self.cleaned_data["owner"]
        return None if pk is None else self.people[pk]

    def clean_goals(self):
        return [self.goal_map[pk] for pk in self.cleaned_data["goals"]]


class ControlForm(forms.Form):
    step = forms.CharField(
        label=_("Control step"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kontrollmoment: what is checked."),
    )
    method = forms.CharField(
        label=_("Method"), max_length=200, required=False, help_text=_("For example stickprov.")
    )
    responsible = forms.TypedChoiceField(
        label=_("Responsible"), coerce=int, required=False, empty_value=None
    )
    report_in = forms.MultipleChoiceField(
        label=_("Reported in"),
        choices=Time.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=TIME_HELP,
    )
    planned_actions = forms.CharField(
        label=_("Planned actions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = VersionField(required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.fields["responsible"].choices = _people_choices(organisation)

    def clean_responsible(self):
        pk = self.cleaned_data["responsible"]
        return None if pk is None else self.people[pk]


class ResultForm(forms.Form):
    """One control's result on the period's results page."""

    outcome = forms.ChoiceField(
        label=_("Result"), choices=ControlOutcome.choices, required=False, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, control, **kwargs):
        super().__init__(*args, **kwargs)
        self.control = control
        self.fields["comment"].widget.attrs["aria-label"] = _("Comment: %(step)s") % {
            "step": control.step
        }

    def clean(self):
        data = super().clean()
        if data.get("comment", "").strip() and not data.get("outcome"):
            self.add_error("outcome", _("Choose a result to go with the comment."))
        return data


# The results page of a period: one row per control the person may record (core.forms.GridFormSet).
# django-stubs types formset_factory as giving a BaseFormSet whatever `formset` is.
ResultFormSet = cast(
    type[GridFormSet], forms.formset_factory(ResultForm, formset=GridFormSet, extra=0)
)
