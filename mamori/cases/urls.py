from __future__ import annotations

from django.urls import path

from mamori.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.my_cases, name="mine"),
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/<int:case_id>/", views.case_detail, name="detail"),
    path("cases/<int:case_id>/edit/", views.case_edit, name="edit"),
    path("cases/<int:case_id>/status/", views.case_status, name="status"),
    path("cases/<int:case_id>/labels/", views.case_labels, name="labels"),
    path("cases/<int:case_id>/legal-hold/", views.case_legal_hold, name="legal_hold"),
    path(
        "cases/<int:case_id>/instalment/next/",
        views.case_next_instalment,
        name="next_instalment",
    ),
    path("cases/<int:case_id>/entries/new/", views.entry_add, name="entry_add"),
    path("cases/<int:case_id>/entries/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("cases/<int:case_id>/tasks/new/", views.task_add, name="task_add"),
    path("cases/<int:case_id>/tasks/<int:task_id>/toggle/", views.task_toggle, name="task_toggle"),
    path("cases/<int:case_id>/parties/new/", views.party_add, name="party_add"),
    path(
        "cases/<int:case_id>/parties/<int:party_id>/remove/",
        views.party_remove,
        name="party_remove",
    ),
    path("cases/<int:case_id>/files/new/", views.file_add, name="file_add"),
    path("cases/<int:case_id>/files/<int:file_id>/", views.file_download, name="file_download"),
]
