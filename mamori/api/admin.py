"""Admin: read-only views of tokens and the delivery log; changes go through the pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mamori.api.models import ApiToken, WebhookDelivery, WebhookSubscription


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Token and webhook changes are audited actions; the admin must not bypass them.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at")
    list_filter = ("revoked_at",)
    exclude = ("token_hash",)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("url", "organisation", "active", "created_at")
    exclude = ("secret",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "event", "subscription", "status", "attempts", "last_status_code")
    list_filter = ("status", "event")
