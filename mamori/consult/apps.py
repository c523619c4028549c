from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultConfig(AppConfig):
    name = "mamori.consult"
    label = "consult"
    verbose_name = _("Consultation desk")
