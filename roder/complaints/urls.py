from django.urls import path

from roder.complaints import public_views, views

app_name = "complaints"

urlpatterns = [
    # The public form and its receipt: no log-in, outside the organisation's pages (/o/).
    path("synpunkter/<slug:organisation>/", public_views.public_form, name="public_form"),
    path(
        "synpunkter/<slug:organisation>/kvitto/<str:token>/",
        public_views.public_receipt,
        name="public_receipt",
    ),
    path("o/<slug:org>/complaints/", views.case_list, name="case_list"),
    path("o/<slug:org>/complaints/new/", views.case_create, name="case_create"),
    path("o/<slug:org>/complaints/statistics/", views.statistics_page, name="statistics"),
    path(
        "o/<slug:org>/complaints/indicators/<int:pk>/publish/",
        views.indicator_publish,
        name="indicator_publish",
    ),
    path("o/<slug:org>/complaints/personal-data/", views.personal_data, name="personal_data"),
    path(
        "o/<slug:org>/complaints/personal-data/erase/",
        views.personal_data_erase,
        name="personal_data_erase",
    ),
    path(
        "o/<slug:org>/complaints/<int:pk>/personal-data-mark/",
        views.case_free_mark,
        name="case_free_mark",
    ),
    path(
        "o/<slug:org>/complaints/customer-log/<int:unit_pk>/",
        views.customer_log,
        name="customer_log",
    ),
    path(
        "o/<slug:org>/complaints/customer-log/entries/<int:pk>/delete/",
        views.customer_contact_delete,
        name="customer_contact_delete",
    ),
    path("o/<slug:org>/complaints/settings/", views.settings_page, name="settings"),
    path("o/<slug:org>/complaints/services/new/", views.service_create, name="service_create"),
    path("o/<slug:org>/complaints/services/<int:pk>/", views.service_edit, name="service_edit"),
    path(
        "o/<slug:org>/complaints/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("o/<slug:org>/complaints/<int:pk>/", views.case_detail, name="case_detail"),
    path("o/<slug:org>/complaints/<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("o/<slug:org>/complaints/<int:pk>/status/", views.case_status, name="case_status"),
    path("o/<slug:org>/complaints/<int:pk>/secrecy/", views.case_secrecy, name="case_secrecy"),
    path("o/<slug:org>/complaints/<int:pk>/notes/", views.case_note, name="case_note"),
    path("o/<slug:org>/complaints/<int:pk>/action/", views.case_action, name="case_action"),
    path("o/<slug:org>/complaints/<int:pk>/goals/", views.case_goals, name="case_goals"),
    path("o/<slug:org>/complaints/<int:pk>/answer/", views.case_answer, name="case_answer"),
]
