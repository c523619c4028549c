from __future__ import annotations

from django.urls import path

from mamori.care import views

app_name = "care"

urlpatterns = [
    path("cases/<int:case_id>/care/", views.care_plan, name="plan"),
    path("cases/<int:case_id>/care/open/", views.care_open, name="open"),
    path("cases/<int:case_id>/care/edit/", views.care_edit, name="edit"),
    path("cases/<int:case_id>/care/check-ins/new/", views.check_in_add, name="check_in_add"),
    path(
        "cases/<int:case_id>/care/check-ins/<int:check_in_id>/done/",
        views.check_in_done,
        name="check_in_done",
    ),
    path("cases/<int:case_id>/care/notes/", views.care_notes, name="notes"),
    path("cases/<int:case_id>/interviews/", views.interview_list, name="interviews"),
    path("cases/<int:case_id>/interviews/new/", views.interview_add, name="interview_add"),
]
