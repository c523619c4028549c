from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "mamori.plans"
    label = "plans"
    verbose_name = _("Response plans")
