"""Webhook endpoints are configuration and edited here; notifications are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mamori.notify.models import Notification, SlaEscalation, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin[WebhookEndpoint]):
    list_display = ("name", "organisation", "format", "active")
    list_filter = ("format", "active", "organisation")


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "organisation",
        "event",
        "channel",
        "target",
        "status",
        "attempts",
    )
    list_filter = ("status", "channel", "event")


@admin.register(SlaEscalation)
class SlaEscalationAdmin(ReadOnlyAdmin):
    list_display = ("case", "timer", "level", "due_at", "escalated_at")
    list_filter = ("timer", "level")
