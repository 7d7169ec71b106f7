from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "roder.core"
    verbose_name = "Roder core"

    def ready(self) -> None:
        # The empty choice of every select built from a model field or a ModelChoiceField:
        # Django's own "- Select an option -" has no Swedish in Django's catalogue, and Django
        # asks apps to set their own here (django.db.models.fields.BLANK_CHOICE_LABEL).
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("– Choose –")
