from django.urls import path

from roder.core import health, views

app_name = "core"

urlpatterns = [
    # For load balancers (roder/core/health.py); /health/ is the older address of the same.
    path("healthz", health.healthz, name="healthz"),
    path("health/", health.healthz, name="health"),
    path("help/", views.guide_index, name="guides"),
    path("help/<slug:name>/", views.guide, name="guide"),
    path("help/img/<str:name>", views.guide_image, name="guide_image"),
]
