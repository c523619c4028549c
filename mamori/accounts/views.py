"""Two-factor setup and verification, and unlocking locked-out logins."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from axes.utils import reset
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from mamori.accounts.http import AuthenticatedRequest
from mamori.accounts.models import Role, User
from mamori.audit.actions import record_event
from mamori.audit.models import EventType


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("6-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": gettext_lazy("Enter the 6 digits shown in the app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _safe_next(request: AuthenticatedRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


@login_required
def two_factor(request: AuthenticatedRequest) -> HttpResponse:
    """Set up TOTP on first use, then verify a code at each login."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setup = device is None
    if setup:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    assert device is not None  # noqa: S101 - created above when missing
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                if setup:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    record_event(
                        actor=user,
                        event_type=EventType.TWO_FACTOR_CHANGED,
                        organisation_id=user.organisation_id,
                        data={"device": "totp", "change": "confirmed"},
                    )
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is not valid. Check the time on your phone."))
    context = {"form": form, "setup": setup, "next": _safe_next(request)}
    if setup:
        context["qr_svg"] = mark_safe(_qr_svg(device.config_url))  # noqa: S308 - generated SVG
        context["secret"] = device.bin_key.hex()
    return render(request, "accounts/two_factor.html", context)


@login_required
def unlock_user(request: AuthenticatedRequest, username: str) -> HttpResponse:
    """HR admins lift a login lockout before it expires."""
    if request.user.role != Role.HR_ADMIN and not request.user.is_superuser:
        raise PermissionDenied
    target = User.objects.filter(
        username=username, organisation_id=request.user.organisation_id or 0
    ).first()
    if target is None or request.method != "POST":
        return redirect("cases:mine")
    with transaction.atomic():
        reset(username=username)
        record_event(
            actor=request.user,
            event_type=EventType.LOGIN_UNLOCKED,
            organisation_id=request.user.organisation_id,
            data={"username": username},
        )
    messages.success(request, _("The login of %(user)s is unlocked.") % {"user": target})
    return redirect("cases:mine")
