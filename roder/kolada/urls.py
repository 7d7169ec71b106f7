from django.urls import path

from roder.kolada import views

app_name = "kolada"

urlpatterns = [
    path("o/<slug:org>/kolada/catalogue/", views.catalogue, name="catalogue"),
]
