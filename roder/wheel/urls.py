from django.urls import path

from roder.wheel import views

app_name = "wheel"

urlpatterns = [
    path("o/<slug:org>/wheel/", views.wheel, name="wheel"),
    path("o/<slug:org>/wheel/events/", views.event_list, name="event_list"),
    path("o/<slug:org>/wheel/events/new/", views.event_create, name="event_create"),
    path("o/<slug:org>/wheel/events/<int:pk>/", views.event_edit, name="event_edit"),
    path("o/<slug:org>/wheel/events/<int:pk>/delete/", views.event_delete, name="event_delete"),
    path(
        "o/<slug:org>/wheel/units/<int:unit_pk>/public/",
        views.public_feed_set,
        name="public_feed_set",
    ),
    path(
        "calendar/<slug:organisation>/units/<int:unit_pk>.ics",
        views.unit_feed,
        name="unit_feed",
    ),
    path("calendar/", views.my_feed, name="my_feed"),
    path("calendar/renew/", views.my_feed_renew, name="my_feed_renew"),
    path("calendar/<str:token>.ics", views.person_feed, name="person_feed"),
]
