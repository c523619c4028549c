from __future__ import annotations

from django.urls import path

from mamori.measures import views

app_name = "measures"

urlpatterns = [
    path("cases/<int:case_id>/measures/", views.overview, name="overview"),
    path("cases/<int:case_id>/measures/new/", views.measure_add, name="add"),
    path(
        "cases/<int:case_id>/measures/<int:measure_id>/status/",
        views.measure_status,
        name="status",
    ),
    path("cases/<int:case_id>/measures/letters/<str:kind>/", views.letter, name="letter"),
    path(
        "cases/<int:case_id>/measures/cooperation/new/",
        views.cooperation_add,
        name="cooperation_add",
    ),
    path(
        "cases/<int:case_id>/measures/cooperation/<int:request_id>/answer/",
        views.cooperation_answer,
        name="cooperation_answer",
    ),
    path("customers/", views.customers, name="customers"),
]
