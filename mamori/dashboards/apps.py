from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "mamori.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")
