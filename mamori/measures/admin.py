"""Read-only admin pages: measures, letters and requests change only through their actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mamori.measures.models import CooperationRequest, IssuedLetter, MeasureDecision


class ReadOnly:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MeasureDecision)
class MeasureDecisionAdmin(ReadOnly, admin.ModelAdmin[MeasureDecision]):
    list_display = ("case", "kind", "target_name", "status", "decided_at")
    list_filter = ("kind", "status")


@admin.register(IssuedLetter)
class IssuedLetterAdmin(ReadOnly, admin.ModelAdmin[IssuedLetter]):
    list_display = ("case", "kind", "format", "issued_by", "issued_at", "sha256")
    list_filter = ("kind", "format")


@admin.register(CooperationRequest)
class CooperationRequestAdmin(ReadOnly, admin.ModelAdmin[CooperationRequest]):
    list_display = ("case", "direction", "counterpart_name", "status", "requested_at")
    list_filter = ("direction", "status")
