"""Survey rounds on the annual wheel (wheel.sources): each round's window, from the day it
opens to the day it closes, on its owner unit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roder.surveys.models import SurveyRound
from roder.wheel.sources import Occurrence, Source


def round_events(organisation, year: int) -> list[Occurrence]:
    """The rounds that open in `year` (one query)."""
    rounds = SurveyRound.objects.filter(
        organisation=organisation, opens_on__year=year
    ).select_related("owner_unit")
    return [
        Occurrence(
            day=survey.opens_on,
            ends=survey.closes_on,
            title=str(_("%(round)s open for answers") % {"round": survey.name}),
            kind="surveys",
            kind_label=_("Survey round"),
            unit=survey.owner_unit,
            url=reverse(
                "surveys:round_results", kwargs={"org": organisation.slug, "pk": survey.pk}
            ),
            uid=f"survey-round-{survey.pk}",
        )
        for survey in rounds
    ]


SOURCE = Source(key="surveys", label=_("Survey round"), order=30, events=round_events)
