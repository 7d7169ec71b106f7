"""Who takes part in quality work, shared by frameworks, evaluations and entries: the role that
evaluates and the role that answers, the units a person may act for with a role, and the people
of the organisation who can be named evaluators (checked by the services, offered by the forms).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roder.organisation.access import Grants
from roder.organisation.forms import people_of
from roder.organisation.models import RoleKind

EVALUATOR = RoleKind.CONTROLLER
ANSWER_WRITER = RoleKind.REPORTER


def units_with(grants: Grants, need: RoleKind):
    """The visible units on which the person has `need` (or higher), in tree order."""
    pks = [unit.pk for unit in grants.visible_units() if grants.has_role(unit, need)]
    return grants.visible_units().filter(pk__in=pks).order_by("path")


def check_people(people, organisation) -> None:
    """Every person named belongs to the organisation."""
    for person in people:
        if person.organisation_id != organisation.pk:
            raise ValidationError(
                {
                    "evaluator_people": _("%(person)s belongs to another organisation.")
                    % {"person": person}
                }
            )


def people_field(organisation, label, help_text="") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=people_of(organisation),
        required=False,
        help_text=help_text,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
