"""Admin shows that reports exist, never who made them.

``ReporterIdentity`` and message bodies are deliberately not registered: the
only way to read an identity is the desk's audited identity page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mamori.consult.models import SelfReport


@admin.register(SelfReport)
class SelfReportAdmin(admin.ModelAdmin[SelfReport]):
    list_display = ("case", "organisation", "submitted_at", "route", "anonymous", "signed_in")
    list_filter = ("route", "anonymous", "signed_in", "wish")
    fields = ("organisation", "case", "submitted_at", "route", "first_contact", "wish", "anonymous")
    readonly_fields = fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
