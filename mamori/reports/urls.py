from __future__ import annotations

from django.urls import path

from mamori.reports import views

app_name = "reports"

urlpatterns = [
    path(
        "cases/<int:case_id>/report/<int:instalment>.<str:fmt>",
        views.case_report,
        name="case_report",
    ),
    path("cases/<int:case_id>/bundle.zip", views.case_bundle, name="case_bundle"),
    path("cases/export.xlsx", views.case_list_export, name="case_list_export"),
]
