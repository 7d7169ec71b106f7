from django.urls import path

from roder.api import views

app_name = "api"

urlpatterns = [
    path("o/<slug:org>/api-tokens/", views.tokens, name="tokens"),
    path("o/<slug:org>/api-tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]
