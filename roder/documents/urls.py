from django.urls import path

from roder.documents import views

app_name = "documents"

urlpatterns = [
    path("o/<slug:org>/units/<int:unit_pk>/documents/", views.unit_documents, name="unit"),
    path(
        "o/<slug:org>/units/<int:unit_pk>/documents/<slug:kind>/",
        views.document,
        name="document",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/documents/<slug:kind>/produce/",
        views.produce,
        name="produce",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/documents/<slug:kind>/tables/<int:index>.xlsx",
        views.table_xlsx,
        name="table_xlsx",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/documents/<slug:kind>/texts/",
        views.texts,
        name="texts",
    ),
    path("o/<slug:org>/documents/runs/<int:pk>/", views.run_detail, name="run"),
    path("o/<slug:org>/documents/runs/<int:pk>/download/", views.run_download, name="download"),
    path(
        "o/<slug:org>/documents/objects/<slug:kind>/<int:object_id>/produce/",
        views.produce_object,
        name="produce_object",
    ),
    path("o/<slug:org>/documents/templates/", views.template_list, name="templates"),
    path("o/<slug:org>/documents/templates/<slug:kind>/", views.template_edit, name="template"),
]
