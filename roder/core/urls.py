from django.urls import path

from roder.core import views

app_name = "core"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("help/", views.guide_index, name="guides"),
    path("help/<slug:name>/", views.guide, name="guide"),
    path("help/img/<str:name>", views.guide_image, name="guide_image"),
]
