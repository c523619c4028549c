"""Admins edit playbooks here; the shipped TOML files are only the first set."""

from __future__ import annotations

from django.contrib import admin

from mamori.plans.models import Playbook, PlaybookItem


class PlaybookItemInline(admin.TabularInline[PlaybookItem, Playbook]):
    model = PlaybookItem
    extra = 1
    fields = ("kind", "key", "side", "text_ja", "text_en", "due_days", "assignee_role", "order")


@admin.register(Playbook)
class PlaybookAdmin(admin.ModelAdmin[Playbook]):
    list_display = ("applies_to", "title_ja", "active", "updated_at")
    list_filter = ("active",)
    search_fields = ("applies_to", "title_ja", "title_en")
    inlines = [PlaybookItemInline]
