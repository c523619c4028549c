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


class DepartmentInline(admin.TabularInline[Department, ClientCompany]):
    model = Department
    extra = 0


class ContactInline(admin.TabularInline[ClientContact, ClientCompany]):
    model = ClientContact
    extra = 0


@admin.register(ClientCompany)
class ClientCompanyAdmin(admin.ModelAdmin[ClientCompany]):
    list_display = ("name", "industry", "organisation")
    search_fields = ("name",)
    inlines = [DepartmentInline, ContactInline]


class AssignmentInline(admin.TabularInline[Assignment, Worker]):
    model = Assignment
    extra = 0


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin[Worker]):
    list_display = ("name", "kana", "employment", "organisation", "active")
    search_fields = ("name", "kana")
    inlines = [AssignmentInline]


admin.site.register(Organisation)
admin.site.register(ClientContact)
admin.site.register(Evaluation)
