"""Read-only admin pages: changes go through the care pages and their actions, never here.

Care notes are deliberately not registered: they are read only through
``access_care_notes``, which audits every reading.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mamori.care.models import CarePlan, Interview


class ReadOnly:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CarePlan)
class CarePlanAdmin(ReadOnly, admin.ModelAdmin[CarePlan]):
    list_display = ("case", "status", "carer", "opened_at")
    list_filter = ("status",)
    exclude = ("safety_how", "wish_note")


@admin.register(Interview)
class InterviewAdmin(ReadOnly, admin.ModelAdmin[Interview]):
    list_display = ("case", "side", "interviewee_name", "held_at")
    list_filter = ("side",)
