from django.urls import path

from roder.periods import views

app_name = "periods"

urlpatterns = [
    path("o/<slug:org>/periods/", views.period_list, name="periods"),
    path("o/<slug:org>/periods/year/", views.period_install_year, name="install_year"),
    path("o/<slug:org>/periods/<int:pk>/status/", views.period_status, name="status"),
    path("o/<slug:org>/periods/<int:pk>/deadline/", views.period_deadline, name="deadline"),
]
