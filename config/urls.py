from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from roder.api.api import api

urlpatterns = [
    path("", include("roder.home.urls")),
    path("", include("roder.core.urls")),
    path("", include("roder.organisation.urls")),
    path("", include("roder.periods.urls")),
    path("", include("roder.documents.urls")),
    path("", include("roder.planning.urls")),
    path("", include("roder.indicators.urls")),
    path("", include("roder.followup.urls")),
    path("", include("roder.actions.urls")),
    path("", include("roder.control.urls")),
    path("", include("roder.economy.urls")),
    path("", include("roder.selfassessment.urls")),
    path("", include("roder.surveys.urls")),
    path("", include("roder.kolada.urls")),
    path("", include("roder.complaints.urls")),
    path("", include("roder.quality.urls")),
    path("", include("roder.notices.urls")),
    path("", include("roder.wheel.urls")),
    path("api/v1/", api.urls),
    path("", include("roder.api.urls")),
    path("accounts/", include("roder.accounts.urls")),
    path("language/", set_language, name="set_language"),
    path("django-admin/", admin.site.urls),
]
