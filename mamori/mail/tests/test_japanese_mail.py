"""Real-world Japanese mail shapes decode to the right subject, sender, date and body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from mamori.mail import ParsedMail, parse_eml

from . import samples
from .samples import JST


@dataclass(frozen=True)
class Case:
    data: bytes
    subject: str
    sender: tuple[str, str]
    date: dt.datetime | None
    body: str
    charset: str
    warnings: tuple[str, ...] = ()


CASES = {
    "iso-2022-jp 7bit with ①㈱髙 (CP50220)": Case(
        samples.ISO2022JP_OUTLOOK,
        subject="【至急】商品不良のご連絡",
        sender=("山田 太郎", "taro@example.jp"),
        date=dt.datetime(2024, 4, 2, 9, 15, tzinfo=JST),
        body=samples.ISO2022JP_OUTLOOK_BODY,
        charset="cp50220",
        warnings=("charset_variant",),
    ),
    "shift_jis base64 read as cp932": Case(
        samples.SHIFT_JIS_BASE64,
        subject="返品について（再送）",
        sender=("株式会社①商事 髙橋", "takahashi@example.co.jp"),
        date=dt.datetime(2024, 4, 3, 18, 5, 9, tzinfo=JST),
        body=samples.SHIFT_JIS_BODY,
        charset="cp932",
    ),
    "euc-jp quoted-printable": Case(
        samples.EUC_JP_QP,
        subject="対応の件",
        sender=("Suzuki Ichiro", "suzuki@example.ne.jp"),
        date=dt.datetime(2024, 4, 4, 7, 0, tzinfo=dt.UTC),
        body=samples.EUC_JP_BODY,
        charset="euc_jp",
    ),
    "shift_jis body labelled iso-2022-jp": Case(
        samples.WRONG_LABEL,
        subject="Inquiry form",
        sender=("", "form@example.jp"),
        date=dt.datetime(2024, 4, 6, 11, 0, tzinfo=JST),
        body=samples.WRONG_LABEL_BODY,
        charset="cp932",
        warnings=("charset_mismatch",),
    ),
    "euc-jp with no charset and a raw 8-bit subject": Case(
        samples.MISSING_CHARSET,
        subject="自動送信：苦情受付",
        sender=("", "old-system@example.jp"),
        date=dt.datetime(2024, 4, 7, 23, 59, 59, tzinfo=JST),
        body=samples.MISSING_CHARSET_BODY,
        charset="euc_jp",
        warnings=("header_charset_missing", "charset_missing"),
    ),
    "mbox From line, LF endings": Case(
        samples.MBOX_MESSAGE,
        subject="メールボックス",
        sender=("", "taro@example.jp"),
        date=dt.datetime(2024, 4, 8, 12, 0, tzinfo=JST),
        body="mbox から取り出したメールです。\n",
        charset="utf-8",
        warnings=("mbox_from_line",),
    ),
    "utf-8 multipart/alternative prefers text/plain": Case(
        samples.build_utf8_alternative(),
        subject="ご返信のお願い（3回目）",
        sender=("佐藤 花子", "hanako@example.com"),
        date=dt.datetime(2024, 4, 9, 8, 30, tzinfo=JST),
        body="プレーンテキスト版です。\n返信をお待ちしています。\n",
        charset="utf-8",
    ),
    "html only becomes text": Case(
        samples.build_html_only(),
        subject="HTML only",
        sender=("", "news@example.com"),
        date=dt.datetime(2024, 4, 9, 10, 0, tzinfo=JST),
        body="HTML版です。\n\n一行目\n二行目\n\n- 項目A\n- 項目B & C",
        charset="utf-8",
        warnings=("body_from_html",),
    ),
    "legacy MIMEText converts shift_jis to iso-2022-jp": Case(
        samples.build_legacy_mime_text("お問い合わせありがとうございます。\n"),
        subject="legacy",
        sender=("", "legacy@example.jp"),
        date=dt.datetime(2024, 4, 12, 10, 0, tzinfo=JST),
        body="お問い合わせありがとうございます。\n",
        charset="iso2022_jp",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_it_decodes_real_world_japanese_mail(case: Case) -> None:
    mail = parse_eml(case.data)

    assert mail.subject == case.subject
    assert (mail.sender_name, mail.sender_address) == case.sender
    if case.date is None:
        assert mail.date is None
    else:
        assert mail.date is not None
        assert mail.date == case.date
        assert mail.date.utcoffset() == case.date.utcoffset()
    assert mail.body_text == case.body
    assert mail.charset_used == case.charset
    assert mail.warnings == case.warnings


def test_it_keeps_nec_and_ibm_characters_in_iso_2022_jp() -> None:
    body = parse_eml(samples.ISO2022JP_OUTLOOK).body_text

    for character in "①②㈱髙":
        assert character in body
    assert "\ufffd" not in body


def test_it_keeps_windows_characters_in_shift_jis_headers_and_body() -> None:
    mail = parse_eml(samples.SHIFT_JIS_BASE64)

    assert "①" in mail.sender_name and "髙" in mail.sender_name
    assert "①" in mail.body_text and "㈱" in mail.body_text
    assert mail.to == (("返品について", "henpin@example.com"),)


def test_it_reads_all_recipients() -> None:
    alternative = parse_eml(samples.build_utf8_alternative())
    mixed = parse_eml(samples.MIXED_WITH_ATTACHMENTS)

    assert alternative.to == (
        ("お客様相談室", "soudan@example.jp"),
        ("", "log@example.jp"),
    )
    assert mixed.cc == (("上司", "boss@example.jp"), ("", "audit@example.jp"))


def test_it_returns_message_id_with_its_angle_brackets() -> None:
    assert parse_eml(samples.ISO2022JP_OUTLOOK).message_id == "<20240402091500.1234@example.jp>"
    assert parse_eml(samples.WRONG_LABEL).message_id is None


def _replace(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new)


LABELS: dict[str, Callable[[bytes], bytes]] = {
    "sjis": lambda d: _replace(d, b"charset=Shift_JIS", b"charset=sjis"),
    "windows-31j": lambda d: _replace(d, b"charset=Shift_JIS", b'charset="Windows-31J"'),
    "cp932": lambda d: _replace(d, b"charset=Shift_JIS", b"charset=CP932"),
    "x-sjis": lambda d: _replace(d, b"charset=Shift_JIS", b"charset=x-sjis"),
    "utf-8 (wrong)": lambda d: _replace(d, b"charset=Shift_JIS", b"charset=utf-8"),
    "us-ascii (wrong)": lambda d: _replace(d, b"charset=Shift_JIS", b"charset=us-ascii"),
    "bogus label": lambda d: _replace(d, b"charset=Shift_JIS", b"charset=x-no-such-charset"),
    "no label": lambda d: _replace(d, b"; charset=Shift_JIS", b""),
}


@pytest.mark.parametrize("relabel", LABELS.values(), ids=LABELS.keys())
def test_it_reads_shift_jis_whatever_the_label_says(relabel: Callable[[bytes], bytes]) -> None:
    mail: ParsedMail = parse_eml(relabel(samples.SHIFT_JIS_BASE64))

    assert mail.body_text == samples.SHIFT_JIS_BODY
    assert mail.charset_used == "cp932"


def test_it_reads_iso_2022_jp_labelled_us_ascii_by_its_escapes() -> None:
    data = _replace(samples.ISO2022JP_OUTLOOK, b'charset="iso-2022-jp"', b"charset=us-ascii")

    mail = parse_eml(data)

    assert mail.body_text == samples.ISO2022JP_OUTLOOK_BODY
    assert "charset_mismatch" in mail.warnings


def test_it_reads_utf8_with_a_japanese_label_as_utf8() -> None:
    data = _replace(
        samples.build_text("日本語の本文です。①\n"), b'charset="utf-8"', b"charset=euc-jp"
    )

    mail = parse_eml(data)

    assert mail.body_text == "日本語の本文です。①\n"
    assert mail.charset_used == "utf-8"
    assert mail.warnings == ("charset_mismatch",)


def test_it_replaces_undecodable_bytes_and_says_so() -> None:
    data = _replace(samples.build_text("x\n"), b"\n\nx\n", b"\n\n\xff\xfe\xfd\x80 abc\n")

    mail = parse_eml(data)

    assert "abc" in mail.body_text
    assert "\ufffd" in mail.body_text
    assert "charset_undecodable" in mail.warnings
