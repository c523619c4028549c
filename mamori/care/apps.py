from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "mamori.care"
    label = "care"
    verbose_name = _("Employee care")
