from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import User


@admin.register(User)
class MamoriUserAdmin(UserAdmin[User]):
    list_display = ("username", "display_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Mamori"), {"fields": ("organisation", "role", "display_name", "manager")}),
    )
