from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mamori.policy import views

app_name = "policy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.internal, name="internal"),
    path("acknowledge/", views.acknowledge, name="acknowledge"),
    path("edit/", views.edit, name="edit"),
    path("start/", views.start, name="start"),
    path("versions/", views.versions, name="versions"),
    path("versions/<int:number>/", views.version_detail, name="version"),
    path("versions/<int:number>/publish/", views.publish, name="publish"),
    path("versions/<int:number>.pdf", views.version_pdf, name="version_pdf"),
    path("public/<slug:slug>/", views.public, name="public"),
]
