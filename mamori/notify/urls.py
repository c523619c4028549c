from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mamori.notify import views

app_name = "notify"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/retry/", views.notification_retry, name="retry"),
]
