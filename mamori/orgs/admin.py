from __future__ import annotations

from django.contrib import admin

from mamori.orgs.models import (
    Assignment,
    ClientCompany,
    ClientContact,
    Department,
    Evaluation,
    Organisation,
    Worker,
)


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


class ContactInline(admin.TabularInline):
    model = ClientContact
    extra = 0


@admin.register(ClientCompany)
class ClientCompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "industry", "organisation")
    search_fields = ("name",)
    inlines = [DepartmentInline, ContactInline]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin):
    list_display = ("name", "kana", "employment", "organisation", "active")
    search_fields = ("name", "kana")
    inlines = [AssignmentInline]


admin.site.register(Organisation)
admin.site.register(ClientContact)
admin.site.register(Evaluation)
