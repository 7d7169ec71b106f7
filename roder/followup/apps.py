from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "roder.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from django.urls import reverse

        from roder.core import overview
        from roder.core.panels import START_PAGE, register
        from roder.documents import kinds as document_kinds
        from roder.followup import documents, notices, panels
        from roder.followup import overview as columns
        from roder.followup.services import report_lock
        from roder.indicators import sources
        from roder.indicators.panels import INDICATOR_PAGE
        from roder.notices import kinds
        from roder.organisation.panels import UNIT_LINKS, unit_link
        from roder.periods import locks
        from roder.periods.registry import register_period_page
        from roder.planning.panels import GOAL_PAGE

        # Sections on the goal, unit and start pages, which never import follow-up.

        register(GOAL_PAGE, panels.GOAL)
        register(UNIT_LINKS, unit_link("scorecard", 20, "followup/_unit_link_scorecard.html"))
        register(UNIT_LINKS, panels.UNIT_LINKS)
        register(START_PAGE, panels.START)
        # The start page's overview of units: goals by light, reports not yet submitted.
        overview.register(columns.GOALS)
        overview.register(columns.REPORTS)
        register(overview.TOP_UNIT, columns.TOP_GOALS)
        register(INDICATOR_PAGE, panels.INDICATOR)
        # Reports submitted, approved and returned, and reminders of reports due (notices).
        for kind in notices.KINDS:
            kinds.register(kind)
        # Entry by hand is an indicator source like the others: typed on the unit's report page,
        # in its grid or an Excel file, and written through services.outcome_write.
        sources.register(
            sources.IndicatorSource(key=sources.MANUAL, label=_("Entered by hand"), by_hand=True)
        )
        # A submitted or approved report locks the unit's period for every app that asks the
        # periods app (the report texts of documents), not only for follow-up's own writes.
        locks.register(report_lock)
        # A period's name on the periods page leads to the overview of its units' reports.
        register_period_page(
            lambda org, period: reverse("followup:overview", kwargs={"org": org, "pk": period.pk})
        )
        # The strategy map as a document: printed, as PDF and Word (documents never imports
        # follow-up).
        document_kinds.register(documents.KIND)
