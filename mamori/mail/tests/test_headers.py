"""Subjects, addresses and dates: every encoding real mail uses, never a guessed date."""

from __future__ import annotations

import datetime as dt

import pytest

from mamori.mail import parse_eml

from .samples import JST


def mail_with(*headers: bytes, body: bytes = b"body\n") -> bytes:
    return b"\n".join(headers) + b"\n\n" + body


SUBJECTS = {
    "plain ascii": (b"Subject: Complaint about order 123", "Complaint about order 123"),
    "utf-8 base64": (b"Subject: =?UTF-8?B?44GK5ZWP44GE5ZCI44KP44Gb?=", "お問い合わせ"),
    "utf-8 q with underscores": (b"Subject: =?utf-8?q?Re:_=E8=BF=94=E4=BF=A1?=", "Re: 返信"),
    "prefix and suffix around a word": (
        b"Subject: Re: =?UTF-8?B?6L+U5L+h?= (2)",
        "Re: 返信 (2)",
    ),
    "folded over two encoded words": (
        b"Subject: =?ISO-2022-JP?B?GyRCJCpMZCQkGyhC?=\n =?ISO-2022-JP?B?GyRCOWckbyQ7GyhC?=",
        "お問い合わせ",
    ),
    "a character split across encoded words": (
        # "あい" in UTF-8 (E3 81 82 E3 81 84), cut in the middle of あ.
        b"Subject: =?UTF-8?B?44E=?= =?UTF-8?B?guOBhA==?=",
        "あい",
    ),
    "iso-2022-jp with ① in the subject": (
        b"Subject: =?ISO-2022-JP?B?GyRCLSEbKEI=?= test",
        "① test",
    ),
    "shift_jis q-encoded": (b"Subject: =?Shift_JIS?Q?=83e=83X=83g?=", "テスト"),
    "euc-jp base64": (b"Subject: =?EUC-JP?B?pcaluaXI?=", "テスト"),
    "rfc 2231 language in the charset": (b"Subject: =?UTF-8*ja?B?44OG44K544OI?=", "テスト"),
    "raw iso-2022-jp without encoded words": (
        b"Subject: \x1b$B%F%9%H\x1b(B",
        "テスト",
    ),
    "raw utf-8": ("Subject: 生のUTF-8".encode(), "生のUTF-8"),
    "raw shift_jis": ("Subject: 生のシフトJIS".encode("cp932"), "生のシフトJIS"),
    "label says utf-8, bytes are shift_jis": (b"Subject: =?UTF-8?B?g2WDWINn?=", "テスト"),
    "unknown charset label": (b"Subject: =?x-unknown?B?44OG44K544OI?=", "テスト"),
    "missing": (b"X-Note: no subject", ""),
}


@pytest.mark.parametrize(("header", "expected"), SUBJECTS.values(), ids=SUBJECTS.keys())
def test_it_decodes_subjects(header: bytes, expected: str) -> None:
    mail = parse_eml(mail_with(b"From: a@example.jp", header))

    assert mail.subject == expected


def test_it_reports_header_charset_trouble() -> None:
    raw = parse_eml(mail_with(b"From: a@example.jp", "Subject: 生".encode("cp932")))
    wrong = parse_eml(mail_with(b"From: a@example.jp", b"Subject: =?UTF-8?B?g2WDWINn?="))

    assert "header_charset_missing" in raw.warnings
    assert "header_charset_mismatch" in wrong.warnings


ADDRESSES = {
    "bare address": (b"taro@example.jp", ("", "taro@example.jp")),
    "angle brackets": (b"<taro@example.jp>", ("", "taro@example.jp")),
    "ascii name": (b"Taro Yamada <taro@example.jp>", ("Taro Yamada", "taro@example.jp")),
    "quoted encoded word": (
        b'"=?UTF-8?B?5bGx55SwIOWkqumDjg==?=" <taro@example.jp>',
        ("山田 太郎", "taro@example.jp"),
    ),
    "comment form": ("taro@example.jp (山田)".encode(), ("山田", "taro@example.jp")),
    "raw iso-2022-jp name whose JIS bytes hold address specials": (
        # あえがお: the JIS bytes are $" $( $, $* -- a quote, a paren and a comma.
        b'\x1b$B$"$($,$*\x1b(B <x@example.jp>',
        ("あえがお", "x@example.jp"),
    ),
    "raw shift_jis name": ("山田 <taro@example.jp>".encode("cp932"), ("山田", "taro@example.jp")),
}


@pytest.mark.parametrize(("header", "expected"), ADDRESSES.values(), ids=ADDRESSES.keys())
def test_it_reads_sender_names_and_addresses(header: bytes, expected: tuple[str, str]) -> None:
    mail = parse_eml(mail_with(b"From: " + header, b"Subject: s"))

    assert (mail.sender_name, mail.sender_address) == expected


def test_it_keeps_a_comma_inside_an_encoded_name_in_one_recipient() -> None:
    # =?UTF-8?B?...?= decodes to "鈴木, 花子": split first, decode after.
    mail = parse_eml(
        mail_with(
            b"From: a@example.jp",
            b"To: =?UTF-8?B?6Yi05pyoLCDoirHlrZA=?= <hanako@example.com>, bob@example.com",
            b"Cc: c1@example.com",
            b"Cc: c2@example.com",
        )
    )

    assert mail.to == (("鈴木, 花子", "hanako@example.com"), ("", "bob@example.com"))
    assert mail.cc == (("", "c1@example.com"), ("", "c2@example.com"))


def test_it_falls_back_to_sender_and_warns_without_from() -> None:
    with_sender = parse_eml(mail_with(b"Sender: s@example.jp", b"Subject: s"))
    without = parse_eml(mail_with(b"Subject: s"))

    assert with_sender.sender_address == "s@example.jp"
    assert "from_missing" not in with_sender.warnings
    assert (without.sender_name, without.sender_address) == ("", "")
    assert "from_missing" in without.warnings


DATES = {
    "rfc 5322 +0900": (
        b"Date: Mon, 1 Apr 2024 10:00:00 +0900",
        dt.datetime(2024, 4, 1, 10, 0, tzinfo=JST),
        (),
    ),
    "with a zone comment": (
        b"Date: Mon, 1 Apr 2024 10:00:00 +0900 (JST)",
        dt.datetime(2024, 4, 1, 10, 0, tzinfo=JST),
        (),
    ),
    "no weekday, GMT": (
        b"Date: 1 Apr 2024 01:00:00 GMT",
        dt.datetime(2024, 4, 1, 1, 0, tzinfo=dt.UTC),
        (),
    ),
    "JST as a zone name": (
        b"Date: Mon, 1 Apr 2024 10:00:00 JST",
        dt.datetime(2024, 4, 1, 10, 0, tzinfo=JST),
        (),
    ),
    "unknown offset -0000 stays unknown": (
        b"Date: Mon, 1 Apr 2024 10:00:00 -0000",
        None,
        ("date_naive",),
    ),
    "no zone at all stays unknown": (
        b"Date: Mon, 1 Apr 2024 10:00:00",
        None,
        ("date_naive",),
    ),
    "japanese date": ("Date: 2024年4月1日 10:00".encode(), None, ("date_invalid",)),
    "nonsense": (b"Date: yesterday", None, ("date_invalid",)),
    "day out of range": (b"Date: Mon, 32 Apr 2024 10:00:00 +0900", None, ("date_invalid",)),
    "missing": (b"X-Note: no date", None, ("date_missing",)),
}


@pytest.mark.parametrize(("header", "expected", "warnings"), DATES.values(), ids=DATES.keys())
def test_it_reads_dates_without_guessing(
    header: bytes, expected: dt.datetime | None, warnings: tuple[str, ...]
) -> None:
    mail = parse_eml(mail_with(b"From: a@example.jp", b"Subject: s", header))

    assert mail.date == expected
    if mail.date is not None:
        assert mail.date.tzinfo is not None
    assert tuple(w for w in mail.warnings if w.startswith("date_")) == warnings
