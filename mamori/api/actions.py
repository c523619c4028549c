"""State changes of the API app: tokens, webhook subscriptions, file downloads.

Each runs in one transaction with its audit row, like the case actions.
Token and webhook changes are recorded as ``EventType.API_TOKEN_CHANGED``
with ``data["object"]`` saying which ("token" or "webhook"): both hand a
credential for the desk's data to something outside it.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from mamori.api.models import ApiToken, WebhookSubscription
from mamori.api.tokens import NewToken, generate_token
from mamori.audit.actions import record_event
from mamori.audit.models import EventType

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.cases.models import Case, EvidenceFile

# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def do_create_token(
    *, actor: User, name: str, scopes: Sequence[str], expires_at: datetime | None
) -> tuple[ApiToken, str]:
    """Create a token for ``actor``; returns the row and the secret to show once."""
    with transaction.atomic():
        new: NewToken = generate_token()
        while ApiToken.objects.filter(prefix=new.prefix).exists():
            new = generate_token()
        token = ApiToken.objects.create(
            user=actor,
            name=name.strip(),
            prefix=new.prefix,
            token_hash=new.hash,
            scopes=sorted(set(scopes)),
            expires_at=expires_at,
        )
        record_event(
            actor=actor,
            event_type=EventType.API_TOKEN_CHANGED,
            obj=token,
            organisation_id=actor.organisation_id,
            data={
                "object": "token",
                "action": "created",
                "name": token.name,
                "prefix": token.prefix,
                "owner": actor.pk,
                "scopes": token.scopes,
                "expires_at": expires_at.isoformat() if expires_at else None,
            },
        )
    return token, new.secret


def do_revoke_token(*, actor: User, token: ApiToken) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            actor=actor,
            event_type=EventType.API_TOKEN_CHANGED,
            obj=token,
            organisation_id=actor.organisation_id,
            data={
                "object": "token",
                "action": "revoked",
                "name": token.name,
                "prefix": token.prefix,
                "owner": token.user_id,
            },
        )
    return token


def touch_token(token: ApiToken) -> None:
    """Note that the token was used; not audited (the requests themselves are)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def new_webhook_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def _webhook_data(subscription: WebhookSubscription, action: str) -> dict[str, object]:
    return {
        "object": "webhook",
        "action": action,
        "url": subscription.url,
        "events": list(subscription.events),
        "active": subscription.active,
    }


def do_create_webhook(
    *, actor: User, url: str, events: Sequence[str], description: str = ""
) -> WebhookSubscription:
    if actor.organisation is None:
        raise ValueError("actor has no organisation")
    with transaction.atomic():
        subscription = WebhookSubscription.objects.create(
            organisation=actor.organisation,
            url=url.strip(),
            description=description.strip(),
            secret=new_webhook_secret(),
            events=sorted(set(events)),
            created_by=actor,
        )
        record_event(
            actor=actor,
            event_type=EventType.API_TOKEN_CHANGED,
            obj=subscription,
            organisation_id=actor.organisation_id,
            data=_webhook_data(subscription, "created"),
        )
    return subscription


def do_set_webhook_active(
    *, actor: User, subscription: WebhookSubscription, active: bool
) -> WebhookSubscription:
    with transaction.atomic():
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.active == active:
            return subscription
        subscription.active = active
        subscription.save(update_fields=["active"])
        record_event(
            actor=actor,
            event_type=EventType.API_TOKEN_CHANGED,
            obj=subscription,
            organisation_id=actor.organisation_id,
            data=_webhook_data(subscription, "activated" if active else "deactivated"),
        )
    return subscription


def do_rotate_webhook_secret(
    *, actor: User, subscription: WebhookSubscription
) -> WebhookSubscription:
    with transaction.atomic():
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.secret = new_webhook_secret()
        subscription.save(update_fields=["secret"])
        record_event(
            actor=actor,
            event_type=EventType.API_TOKEN_CHANGED,
            obj=subscription,
            organisation_id=actor.organisation_id,
            data=_webhook_data(subscription, "secret_rotated"),
        )
    return subscription


def do_record_file_download(*, actor: User, case: Case, evidence: EvidenceFile) -> None:
    """Downloads are audited as in the web view: who took a copy of which evidence."""
    with transaction.atomic():
        record_event(
            actor=actor,
            event_type=EventType.FILE_DOWNLOADED,
            case=case,
            obj=evidence,
            data={"name": evidence.original_name, "sha256": evidence.sha256, "via": "api"},
        )
