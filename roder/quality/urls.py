from django.urls import include, path

from roder.quality import views

app_name = "quality"

Q = "o/<slug:org>/quality/"

urlpatterns = [
    path(Q, views.index, name="index"),
    path(Q, include("roder.quality.frameworks.urls")),
    path(Q, include("roder.quality.evaluations.urls")),
    path(Q, include("roder.quality.entries.urls")),
]
