from __future__ import annotations

from django.urls import path

from mamori.plans import views

app_name = "plans"

urlpatterns = [
    path("cases/<int:case_id>/plan/build/", views.plan_build, name="build"),
    path("cases/<int:case_id>/plan/items/<int:item_id>/", views.item_update, name="item"),
    path(
        "cases/<int:case_id>/plan/items/<int:item_id>/task/", views.item_to_task, name="item_task"
    ),
    path(
        "cases/<int:case_id>/plan/items/<int:item_id>/evidence/",
        views.item_evidence,
        name="item_evidence",
    ),
]
