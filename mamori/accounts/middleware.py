"""Two-factor authentication for the roles that hold the most sensitive records."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a user who still has to pass 2FA may reach.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/policy/public/", "/consult/")


class RequireTwoFactorMiddleware:
    """Send response-team members and admins to TOTP setup or verification first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_TWO_FACTOR
            and user is not None
            and user.is_authenticated
            and (user.role in settings.TWO_FACTOR_ROLES or user.is_superuser)
            and not user.is_verified()
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            return redirect(f"{reverse('two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)
