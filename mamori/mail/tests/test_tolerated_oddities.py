"""Broken-but-readable mail is read, and each oddity is named by a warning code."""

from __future__ import annotations

import pytest

from mamori.mail import WARNING_MESSAGES, parse_eml

ODDITIES: dict[str, tuple[bytes, str, str]] = {
    "broken encoded word is kept as written": (
        b"From: a@example.jp\nSubject: =?UTF-8?B?a?=\n\nbody\n",
        "header_encoded_word_broken",
        "=?UTF-8?B?a?=",
    ),
    "damaged base64 body": (
        b"From: a@example.jp\nSubject: s\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\n44GC44GE!!\n",
        "base64_damaged",
        "あい",
    ),
    "a non-header line ends the headers": (
        b"From: a@example.jp\nSubject: s\nthis line is not a header\nbody\n",
        "header_separator_missing",
        "this line is not a header\nbody\n",
    ),
    "multipart missing its closing boundary": (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nstill here\n",
        "mime_truncated",
        "still here",
    ),
    "raw utf-8 subject": (
        "From: a@example.jp\nSubject: 件名\n\nbody\n".encode(),
        "header_charset_missing",
        "body\n",
    ),
    "no date": (b"From: a@example.jp\nSubject: s\n\nbody\n", "date_missing", "body\n"),
    "no from": (b"To: a@example.jp\nSubject: s\n\nbody\n", "from_missing", "body\n"),
}


@pytest.mark.parametrize(("data", "code", "text"), ODDITIES.values(), ids=ODDITIES.keys())
def test_it_reads_odd_mail_and_names_the_oddity(data: bytes, code: str, text: str) -> None:
    mail = parse_eml(data)

    assert code in mail.warnings
    assert code in WARNING_MESSAGES
    assert text in (mail.subject, mail.body_text)


def test_a_clean_mail_has_no_warnings() -> None:
    data = (
        b"From: a@example.jp\r\nTo: b@example.jp\r\nSubject: s\r\n"
        b"Date: Mon, 1 Apr 2024 10:00:00 +0900\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + "本文\r\n".encode()
    )

    assert parse_eml(data).warnings == ()
