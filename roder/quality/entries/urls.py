from django.urls import path

from roder.quality.entries import views

# Included by roder/quality/urls.py under "o/<slug:org>/quality/", in the "quality" namespace.
urlpatterns = [
    path("entries/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/report/", views.entry_report, name="entry_report"),
    path("answers/<int:pk>/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/figures/", views.answer_figures, name="answer_figures"),
    path("feedback/<int:pk>/", views.feedback_edit, name="feedback_edit"),
]
