from __future__ import annotations

from django.urls import path

from mamori.compliance import views

app_name = "compliance"

urlpatterns = [
    path("", views.board, name="board"),
    path("board.pdf", views.board_pdf, name="board_pdf"),
]
