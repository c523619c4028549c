"""Transport: e-mail through Django's mail framework, webhooks through urllib.

Nothing here touches the database; ``mamori.notify.actions.deliver`` decides
when to send and records the outcome. Any exception raised here is a failed
attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.mail import send_mail

from mamori.notify.models import Notification, NotificationChannel, WebhookEndpoint, WebhookFormat

TIMEOUT_SECONDS = 10
USER_AGENT = "Mamori-Notify/1"


class DeliveryError(Exception):
    """A send that cannot succeed as configured; the message is stored as the error."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A webhook that redirects is misconfigured; following it would re-send the
    # body to a host nobody approved.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def send(notification: Notification) -> None:
    if notification.channel == NotificationChannel.EMAIL:
        send_email(notification)
    elif notification.channel == NotificationChannel.WEBHOOK:
        endpoint = notification.endpoint
        if endpoint is None or not endpoint.active:
            raise DeliveryError("the webhook endpoint was removed or disabled")
        post_webhook(endpoint, notification.payload)
    else:
        raise DeliveryError(f"unknown channel {notification.channel!r}")


def send_email(notification: Notification) -> None:
    payload = notification.payload
    send_mail(
        subject=str(payload.get("subject", "")),
        message=str(payload.get("text", "")),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.target],
        fail_silently=False,
    )


def webhook_body(fmt: str, payload: dict[str, Any]) -> dict[str, Any]:
    text = str(payload.get("text", ""))
    subject = str(payload.get("subject", ""))
    if fmt == WebhookFormat.SLACK:
        return {"text": text}
    if fmt == WebhookFormat.TEAMS:
        # The legacy MessageCard: Teams incoming webhooks and Power Automate's
        # "post to a channel when a webhook request is received" both accept it.
        return {
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": subject,
            "title": subject,
            "text": text,
        }
    return {"text": text, **{k: v for k, v in payload.items() if k != "text"}}


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def post_webhook(endpoint: WebhookEndpoint, payload: dict[str, Any]) -> None:
    if not endpoint.url.lower().startswith(("http://", "https://")):
        raise DeliveryError("webhook URL must be http or https")
    body = json.dumps(webhook_body(endpoint.format, payload), ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
    if endpoint.secret:
        timestamp = str(int(time.time()))
        headers["X-Mamori-Timestamp"] = timestamp
        headers["X-Mamori-Signature"] = signature(endpoint.secret, timestamp, body)
    request = urllib.request.Request(endpoint.url, data=body, headers=headers, method="POST")  # noqa: S310 (scheme checked above)
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        # HTTPError holds the open response; close it so no socket leaks.
        exc.close()
        raise DeliveryError(f"HTTP {exc.code} {exc.reason}") from None
    if not 200 <= status < 300:
        raise DeliveryError(f"HTTP {status}")
