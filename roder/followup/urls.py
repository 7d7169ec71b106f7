from django.urls import path

from roder.followup import map_views, views

app_name = "followup"

urlpatterns = [
    path("o/<slug:org>/periods/<int:pk>/", views.period_overview, name="overview"),
    path("o/<slug:org>/revisions/", views.revisions, name="revisions"),
    path("o/<slug:org>/revisions/<int:pk>/accept/", views.revision_accept, name="revision_accept"),
    path("o/<slug:org>/revisions/<int:pk>/reject/", views.revision_reject, name="revision_reject"),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/",
        views.unit_report,
        name="unit_report",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/submit/",
        views.report_submit,
        name="report_submit",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/approve/",
        views.report_approve,
        name="report_approve",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/return/",
        views.report_return,
        name="report_return",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/reopen/",
        views.report_reopen,
        name="report_reopen",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/excel/",
        views.excel_export,
        name="excel_export",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/import/",
        views.excel_import,
        name="excel_import",
    ),
    path(
        "o/<slug:org>/units/<int:unit_pk>/periods/<int:period_pk>/import/<int:pk>/",
        views.excel_import_run,
        name="excel_import_run",
    ),
    path(
        "o/<slug:org>/goals/<int:goal_pk>/periods/<int:period_pk>/assess/",
        views.goal_assess,
        name="assess",
    ),
    path("o/<slug:org>/goals/<int:goal_pk>/rollup/", views.goal_rollup, name="rollup"),
    path("o/<slug:org>/units/<int:unit_pk>/scorecard/", views.scorecard, name="scorecard"),
    path("o/<slug:org>/strategy-map/", map_views.strategy_map_page, name="strategy_map"),
    path(
        "o/<slug:org>/strategy-map/branch/",
        map_views.strategy_map_branch,
        name="strategy_branch",
    ),
]
