from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "roder.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # The unit page links to the surveys of the unit (organisation never imports this app).
        from roder.core.panels import Panel, register
        from roder.documents import kinds
        from roder.indicators import sources
        from roder.indicators.panels import INDICATOR_PAGE
        from roder.organisation.panels import UNIT_LINKS, unit_link
        from roder.surveys import documents, nyckeltal, wheel
        from roder.surveys.panels import indicator_section
        from roder.wheel import sources as wheel_sources

        register(UNIT_LINKS, unit_link("surveys", 35, "surveys/_unit_link.html"))
        # The survey index an indicator is linked to, and the rounds that filled it, on the
        # indicator page (indicators never import surveys).
        register(
            INDICATOR_PAGE,
            Panel(
                key="surveys",
                order=30,
                template="surveys/_indicator_panel.html",
                context=indicator_section,
            ),
        )
        # The survey report: a web page, PDF, Word and Excel through the documents app.
        kinds.register(documents.KIND)
        # Survey indices fill the indicators linked to them (the reserved key "survey").
        sources.register(nyckeltal.SOURCE)
        # Each round's window on the annual wheel (the wheel never imports surveys).
        wheel_sources.register(wheel.SOURCE)
