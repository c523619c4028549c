"""However the .eml was saved (CRLF, LF, mbox, BOM, blank lines), it reads the same."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mamori.mail import parse_eml

from . import samples


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


def _cr(data: bytes) -> bytes:
    return _lf(data).replace(b"\n", b"\r")


SHAPES: dict[str, tuple[Callable[[bytes], bytes], tuple[str, ...]]] = {
    "crlf as sent": (lambda data: data, ()),
    "lf only": (_lf, ()),
    "cr only (classic mac)": (_cr, ()),
    "mbox from line": (
        lambda data: b"From taro@example.jp Tue Apr  2 09:15:00 2024\n" + _lf(data),
        ("mbox_from_line",),
    ),
    "utf-8 bom": (lambda data: b"\xef\xbb\xbf" + data, ("bom",)),
    "blank lines before the headers": (lambda data: b"\r\n\r\n" + data, ("leading_blank_lines",)),
}


@pytest.mark.parametrize(("reshape", "extra"), SHAPES.values(), ids=SHAPES.keys())
def test_it_reads_every_file_shape_the_same(
    reshape: Callable[[bytes], bytes], extra: tuple[str, ...]
) -> None:
    mail = parse_eml(reshape(samples.ISO2022JP_OUTLOOK))

    assert mail.subject == "【至急】商品不良のご連絡"
    assert mail.sender_address == "taro@example.jp"
    assert mail.body_text == samples.ISO2022JP_OUTLOOK_BODY
    assert mail.warnings == (*extra, "charset_variant")


@pytest.mark.parametrize("reshape", [lambda d: d, _lf], ids=["crlf", "lf"])
def test_attachments_are_identical_whatever_the_line_endings(
    reshape: Callable[[bytes], bytes],
) -> None:
    mail = parse_eml(reshape(samples.MIXED_WITH_ATTACHMENTS))

    assert [a.payload for a in mail.attachments][:2] == [samples.PDF_BYTES] * 2


def test_it_reads_only_the_first_message_of_an_mbox() -> None:
    second = b"From hanako@example.jp Tue Apr  9 10:00:00 2024\nFrom: hanako@example.jp\n"
    data = samples.MBOX_MESSAGE + b"\n" + second + b"Subject: second\n\nsecond body\n"

    mail = parse_eml(data)

    assert mail.subject == "メールボックス"
    assert "second" not in mail.body_text
    assert mail.warnings == ("mbox_from_line", "mbox_multiple_messages")


def test_a_quoted_from_in_an_mbox_body_does_not_split_it() -> None:
    data = samples.MBOX_MESSAGE + b"\n>From the desk: thanks\n"

    mail = parse_eml(data)

    assert mail.body_text.endswith("\n\n>From the desk: thanks\n")
    assert "mbox_multiple_messages" not in mail.warnings


def test_body_line_breaks_are_normalised_to_lf() -> None:
    mail = parse_eml(samples.ISO2022JP_OUTLOOK)

    assert "\r" not in mail.body_text
