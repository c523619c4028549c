from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("mamori.accounts.urls")),
    path("", include("mamori.cases.urls")),
    path("", include("mamori.reports.urls")),
    path("", include("mamori.plans.urls")),
]
