from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mamori.consult import views

app_name = "consult"

# Fixed paths first: an organisation slug could otherwise shadow them.
urlpatterns: list[URLPattern | URLResolver] = [
    path("report/", views.report_signed_in, name="report"),
    path("submitted/", views.submitted, name="submitted"),
    path("follow/", views.follow, name="follow"),
    path("follow/thread/", views.follow_thread, name="follow_thread"),
    path("follow/leave/", views.follow_leave, name="follow_leave"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:report_id>/", views.mine_detail, name="mine_detail"),
    path("reports/", views.staff_list, name="reports"),
    path("reports/<int:report_id>/", views.staff_detail, name="report_detail"),
    path("reports/<int:report_id>/identity/", views.identity, name="identity"),
    path("<slug:org_slug>/report/", views.report_public, name="public_report"),
]
