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
    path("policy/", include("mamori.policy.urls")),
    path("consult/", include("mamori.consult.urls")),
    path("notify/", include("mamori.notify.urls")),
    path("", include("mamori.care.urls")),
    path("", include("mamori.measures.urls")),
    path("compliance/", include("mamori.compliance.urls")),
    path("search/", include("mamori.search.urls")),
    path("dashboards/", include("mamori.dashboards.urls")),
    path("api/", include("mamori.api.urls")),
]
