from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from mamori.accounts import views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/", views.two_factor, name="two_factor"),
    path("unlock/<str:username>/", views.unlock_user, name="unlock_user"),
]
