from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mamori.dashboards import views

app_name = "dashboards"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<slug:slug>.svg", views.chart, name="chart"),
]
