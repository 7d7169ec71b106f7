from django.urls import path

from roder.notices import views

app_name = "notices"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.mark_read, name="mark_read"),
    path("notifications/mail/", views.mail_settings, name="mail_settings"),
]
