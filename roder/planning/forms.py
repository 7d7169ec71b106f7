import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.core.forms import DateInput, VersionField
from roder.organisation.forms import people_of
from roder.planning.models import GoalCategory, GoalKind, PlanStatus
from roder.planning.selectors import category_tree


def this_year() -> int:
    return datetime.date.today().year


class CategoryForm(forms.Form):
    number = forms.CharField(
        label=_("Number"), max_length=20, help_text=_("For example 3.1 or 3.1.1.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.TypedChoiceField(
        label=_("Main category"), coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = VersionField(required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["parent"].choices = [("", _("None – a main category"))] + [
            (c.pk, "\u2003" * depth + str(c)) for c, depth in category_tree(organisation)
        ]

    def clean_parent(self):
        pk = self.cleaned_data["parent"]
        return (
            None if pk is None else GoalCategory.objects.get(pk=pk, organisation=self.organisation)
        )


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    copy_from = forms.TypedChoiceField(
        label=_("Start from"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, plans, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", this_year() + 1)
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [("", _("An empty plan"))] + [
            (plan.pk, _("A copy of %(plan)s") % {"plan": plan.title}) for plan in plans
        ]


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DateInput())
    version = VersionField()


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Heading"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    version = VersionField()


class AreaTextForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    version = VersionField(required=False)


class GoalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=GoalKind.choices, initial=GoalKind.GOAL)
    number = forms.CharField(
        label=_("Number"), max_length=20, required=False, help_text=_("For example Mål 1.")
    )
    title = forms.CharField(
        label=_("Goal"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, required=False, empty_value=None
    )
    responsible = forms.TypedChoiceField(
        label=_("Responsible"), coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    expected_results = forms.CharField(
        label=_("Expected results"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    working_methods = forms.CharField(
        label=_("Working methods"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    follow_up_methods = forms.CharField(
        label=_("Follow-up methods"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = VersionField(required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.people = {p.pk: p for p in people_of(organisation)}
        self.categories = {c.pk: c for c, _depth in category_tree(organisation)}
        self.fields["category"].choices = [("", "—")] + [
            (c.pk, "\u2003" * depth + str(c))
            for c, depth in category_tree(organisation)
            if c.is_active
        ]
        self.fields["responsible"].choices = [("", "—")] + [
            (p.pk, str(p)) for p in self.people.values()
        ]

    def clean_category(self):
        pk = self.cleaned_data["category"]
        return None if pk is None else self.categories[pk]

    def clean_responsible(self):
        pk = self.cleaned_data["responsible"]
        return None if pk is None else self.people[pk]


class GoalLinkForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Contributes to"), coerce=int)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + [
            (goal.pk, f"{goal.plan.unit.name}: {goal}") for goal in candidates
        ]
