"""What is not a usable e-mail is refused with a documented error, nothing else."""

from __future__ import annotations

import hashlib
import pickle

import pytest

from mamori.mail import (
    DEFAULT_MAX_BYTES,
    MailError,
    MailTooLarge,
    MalformedMail,
    NotAnEmail,
    parse_eml,
)

from . import samples

#: 4 KiB of deterministic noise.
NOISE = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(128))
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
OUTLOOK_MSG = OLE + "__substg1.0_0037001F".encode("utf-16-le")

REFUSED: dict[str, tuple[bytes, type[MailError], str]] = {
    "empty": (b"", NotAnEmail, "mail.empty"),
    "only blank lines": (b"\r\n\r\n  \n", NotAnEmail, "mail.empty"),
    "only a bom": (b"\xef\xbb\xbf", NotAnEmail, "mail.empty"),
    "random binary": (NOISE, NotAnEmail, "mail.binary"),
    "png": (PNG, NotAnEmail, "mail.file_type"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", NotAnEmail, "mail.file_type"),
    "pdf header": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", NotAnEmail, "mail.file_type"),
    "zip (docx, xlsx)": (b"PK\x03\x04\x14\x00\x06\x00", NotAnEmail, "mail.file_type"),
    "outlook .msg": (OUTLOOK_MSG, NotAnEmail, "mail.outlook_msg"),
    "old office file": (OLE, NotAnEmail, "mail.file_type"),
    "utf-16 text": ("From: a@example.jp\n".encode("utf-16"), NotAnEmail, "mail.binary"),
    "plain text without headers": (
        "お世話になっております。\n先日の件ですが、\n".encode(),
        NotAnEmail,
        "mail.no_headers",
    ),
    "english text with a colon": (b"Note: call back tomorrow\n", NotAnEmail, "mail.no_headers"),
    "html page": (
        b"<!DOCTYPE html>\n<html><body>hi</body></html>\n",
        NotAnEmail,
        "mail.no_headers",
    ),
    "multipart cut after its headers": (
        b'From: a@example.jp\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n',
        MalformedMail,
        "mail.malformed",
    ),
    "multipart cut inside its preamble": (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"This is a multi-part message in MIME format.\n",
        MalformedMail,
        "mail.malformed",
    ),
    "multipart with only a closing boundary": (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b--\n",
        MalformedMail,
        "mail.malformed",
    ),
    "multipart with no boundary and no body": (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed\n\n\n",
        MalformedMail,
        "mail.malformed",
    ),
    "absurdly deep nesting": (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed; boundary=b0\n\n"
        + b"".join(
            b"--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (i, i + 1)
            for i in range(60)
        )
        + b"--b60\nContent-Type: text/plain\n\ndeep\n",
        MalformedMail,
        "mail.too_deep",
    ),
}


@pytest.mark.parametrize(("data", "error", "code"), REFUSED.values(), ids=REFUSED.keys())
def test_it_refuses_what_is_not_a_usable_email(
    data: bytes, error: type[MailError], code: str
) -> None:
    with pytest.raises(error) as caught:
        parse_eml(data)

    assert caught.value.code == code
    assert caught.value.message_ja
    assert caught.value.message_en == str(caught.value)


def test_it_rejects_oversized_file_before_parsing() -> None:
    data = samples.ISO2022JP_OUTLOOK

    with pytest.raises(MailTooLarge) as caught:
        parse_eml(data, max_bytes=len(data) - 1)

    assert caught.value.code == "mail.too_large"
    assert (caught.value.size, caught.value.limit) == (len(data), len(data) - 1)
    assert parse_eml(data, max_bytes=len(data)).subject == "【至急】商品不良のご連絡"


def test_the_default_limit_is_25_mib() -> None:
    assert DEFAULT_MAX_BYTES == 25 * 1024 * 1024
    with pytest.raises(MailTooLarge) as caught:
        parse_eml(b"Subject: x\n\n" + b"a" * DEFAULT_MAX_BYTES)

    assert "25.0 MB" in caught.value.message_ja


def test_it_salvages_a_multipart_truncated_mid_attachment() -> None:
    data = samples.MIXED_WITH_ATTACHMENTS
    cut = data[: data.index(samples.PDF_BASE64) + 20]

    mail = parse_eml(cut)

    assert mail.body_text == "添付をご確認ください。"
    assert mail.attachments[0].filename == "見積書（2024年4月）.pdf"
    assert mail.attachments[0].payload == samples.PDF_BYTES[:15]
    assert "mime_truncated" in mail.warnings


def test_it_reads_a_multipart_without_boundary_as_text() -> None:
    data = b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed\n\nplain words\n"

    mail = parse_eml(data)

    assert mail.body_text == "plain words\n"
    assert "mime_no_boundary" in mail.warnings


def test_it_refuses_non_bytes_as_a_programming_error() -> None:
    with pytest.raises(TypeError):
        parse_eml("Subject: str\n\nbody")  # type: ignore[arg-type]


def test_it_accepts_bytearray_and_memoryview() -> None:
    data = samples.EUC_JP_QP

    assert parse_eml(bytearray(data)) == parse_eml(memoryview(data)) == parse_eml(data)


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(NotAnEmail("mail.empty", "空", "empty"), id="not-an-email"),
        pytest.param(MailTooLarge("mail.too_large", "大", "big", size=9, limit=1), id="too-large"),
        pytest.param(MalformedMail("mail.malformed", "壊", "broken"), id="malformed"),
    ],
)
def test_errors_pickle_for_background_tasks(error: MailError) -> None:
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object

    assert type(copy) is type(error)
    assert vars(copy) == vars(error)
    assert str(copy) == str(error)
