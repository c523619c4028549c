from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mamori.search import views

app_name = "search"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search, name="search"),
]
