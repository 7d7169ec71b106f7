from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "roder.complaints"
    verbose_name = _("Opinions and complaints")

    def ready(self) -> None:
        # The unit page links to the unit's cases; the settings page to the public form's.
        from roder.actions import origins
        from roder.complaints import case_actions, panels, source
        from roder.core.panels import register
        from roder.indicators import sources
        from roder.indicators.panels import INDICATOR_PAGE
        from roder.organisation.panels import SETTINGS_PAGE, UNIT_LINKS

        register(UNIT_LINKS, panels.UNIT_LINK)
        register(SETTINGS_PAGE, panels.SETTINGS)
        # The statistics fill indicators (the reserved key "complaints"); the indicator page
        # shows the measure and lets the owner unit's reporters write the outcomes.
        sources.register(source.SOURCE)
        register(INDICATOR_PAGE, panels.INDICATOR)
        # An action created from a case says so on its page (the actions app knows no cases).
        origins.register(case_actions.ORIGIN)
