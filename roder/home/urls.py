from django.urls import path

from roder.home import views

app_name = "home"

urlpatterns = [
    path("", views.start, name="start"),
]
