from django.urls import path

from roder.kolada import views

app_name = "kolada"

urlpatterns = [
    path("o/<slug:org>/kolada/catalogue/", views.catalogue, name="catalogue"),
    path("o/<slug:org>/kolada/indicators/<int:pk>/", views.indicator, name="indicator"),
    path(
        "o/<slug:org>/kolada/indicators/<int:pk>/link/",
        views.indicator_link,
        name="indicator_link",
    ),
    path(
        "o/<slug:org>/kolada/indicators/<int:pk>/fetch/",
        views.indicator_fetch,
        name="indicator_fetch",
    ),
    path(
        "o/<slug:org>/kolada/indicators/<int:pk>/accept/",
        views.indicator_accept,
        name="indicator_accept",
    ),
    path("o/<slug:org>/kolada/units/<int:unit_pk>/ou/", views.unit_ou, name="unit_ou"),
    path("o/<slug:org>/kolada/peers/", views.peers, name="peers"),
    path("o/<slug:org>/kolada/peers/add/", views.peer_add, name="peer_add"),
    path("o/<slug:org>/kolada/peers/<int:pk>/remove/", views.peer_remove, name="peer_remove"),
    path(
        "o/<slug:org>/kolada/indicators/<int:pk>/compare/",
        views.compare,
        name="compare",
    ),
]
