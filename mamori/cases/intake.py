"""Intake: turning pasted text or an uploaded .eml into a new case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mamori.cases.actions import EntryInput, FileInput, do_open_case
from mamori.cases.models import Case, CaseKind, Channel, Direction
from mamori.cases.uploads import UploadRejected, inspect_upload

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.mail import ParsedMail
    from mamori.orgs.models import ClientCompany


@dataclass(frozen=True)
class IntakeError(Exception):
    """Input that cannot become a case; carries messages in both languages."""

    code: str
    message_ja: str
    message_en: str

    def __str__(self) -> str:
        return self.message_en


def _first_line(text: str, limit: int = 80) -> str:
    for line in text.splitlines():
        line = line.strip(" \t　・-*>")
        if line:
            return line[:limit]
    return ""


def intake_text(
    *,
    actor: User,
    text: str,
    kind: str = CaseKind.CLIENT_COMPLAINT,
    title: str = "",
    channel: str = Channel.MAIL,
    client: ClientCompany | None = None,
) -> Case:
    body = text.replace("\x00", "").strip()
    if not body:
        raise IntakeError("empty_text", "本文が空です。", "The text is empty.")
    return do_open_case(
        actor=actor,
        kind=kind,
        title=title.strip() or _first_line(body) or "(件名なし)",
        client=client,
        first_entry=EntryInput(
            occurred_at=timezone.now(), channel=channel, direction=Direction.INBOUND, summary=body
        ),
    )


def _mail_summary(mail: ParsedMail, refused: list[str]) -> str:
    sender = (
        f"{mail.sender_name} <{mail.sender_address}>"
        if mail.sender_name
        else (mail.sender_address or "")
    )
    header = [f"From: {sender}", f"Subject: {mail.subject}"]
    if mail.date is not None:
        header.append(f"Date: {timezone.localtime(mail.date):%Y-%m-%d %H:%M}")
    body: str = mail.body_text.strip()
    notes = "".join(f"\n[添付を保存していません / attachment not stored] {r}" for r in refused)
    return "\n".join(header) + "\n\n" + body + notes


def intake_eml(
    *,
    actor: User,
    data: bytes,
    file_name: str = "message.eml",
    kind: str = CaseKind.CLIENT_COMPLAINT,
    client: ClientCompany | None = None,
) -> Case:
    from mamori.mail import MailError, parse_eml

    try:
        mail = parse_eml(data)
    except MailError as exc:
        raise IntakeError(exc.code, exc.message_ja, exc.message_en) from exc
    files = [FileInput(name=file_name, content=data, description="original e-mail")]
    refused: list[str] = []
    for attachment in mail.attachments:
        name = attachment.filename or "attachment"
        try:
            inspect_upload(attachment.payload, max_bytes=settings.MAX_UPLOAD_BYTES)
        except UploadRejected as rejected:
            # The original .eml keeps the bytes; only the separate copy is refused.
            refused.append(f"{name}: {rejected.message_ja} / {rejected.message_en}")
            continue
        files.append(FileInput(name=name, content=attachment.payload))
    sender = mail.sender_name or mail.sender_address or ""
    participants = [sender] if sender else []
    with transaction.atomic():
        return do_open_case(
            actor=actor,
            kind=kind,
            title=(mail.subject or _first_line(mail.body_text) or file_name)[:200],
            client=client,
            opened_at=timezone.now(),
            first_entry=EntryInput(
                occurred_at=mail.date or timezone.now(),
                channel=Channel.MAIL,
                direction=Direction.INBOUND,
                participants=participants,
                summary=_mail_summary(mail, refused),
            ),
            files=files,
        )
