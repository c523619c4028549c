"""Attachments come back with decoded names, types, sizes, hashes and payloads."""

from __future__ import annotations

import hashlib

import pytest

from mamori.mail import Attachment, parse_eml

from . import samples

PDF_SHA256 = hashlib.sha256(samples.PDF_BYTES).hexdigest()


def test_it_decodes_rfc2231_and_encoded_word_file_names() -> None:
    mail = parse_eml(samples.MIXED_WITH_ATTACHMENTS)

    assert tuple(a.filename for a in mail.attachments) == samples.MIXED_FILENAMES
    assert mail.body_text == "添付をご確認ください。"


def test_it_gives_type_size_hash_and_payload_of_each_attachment() -> None:
    quote, invoice, minutes = parse_eml(samples.MIXED_WITH_ATTACHMENTS).attachments

    for pdf in (quote, invoice):
        assert pdf.content_type == "application/pdf"
        assert pdf.size == len(samples.PDF_BYTES) == 54
        assert pdf.sha256 == PDF_SHA256
        assert pdf.payload == samples.PDF_BYTES
    assert minutes.content_type == "application/octet-stream"
    assert minutes.payload == bytes(range(10))
    assert minutes.size == 10
    assert minutes.sha256 == hashlib.sha256(bytes(range(10))).hexdigest()


@pytest.mark.parametrize(
    "filename",
    ["見積書（2024年4月）①.pdf", "苦情対応記録 ㈱サンプル.pdf", "report.pdf", "髙橋様.pdf"],
)
def test_it_reads_file_names_the_stdlib_writes(filename: str) -> None:
    mail = parse_eml(samples.build_with_attachment(filename, samples.PDF_BYTES))

    assert mail.body_text == "資料を添付します。\n"
    (attachment,) = mail.attachments
    assert attachment.filename == filename
    assert attachment.sha256 == PDF_SHA256


RFC2231_VARIANTS = {
    "iso-2022-jp with ①": (
        b"filename*=iso-2022-jp'ja'%1B%24B-%21%1B%28B.pdf",
        "①.pdf",
    ),
    "shift_jis": (b"filename*=shift_jis''%8C%A9%90%CF.pdf", "見積.pdf"),
    "no charset given": (b"filename*=''%E8%A6%8B%E7%A9%8D.pdf", "見積.pdf"),
    "continuations": (
        b"filename*0*=UTF-8''%E8%A6%8B%E7%A9%8D;\r\n filename*1*=%E6%9B%B8;\r\n filename*2=.pdf",
        "見積書.pdf",
    ),
    "raw utf-8 in quotes": ('filename="見積書.pdf"'.encode(), "見積書.pdf"),
    "raw shift_jis in quotes": ('filename="見積書.pdf"'.encode("cp932"), "見積書.pdf"),
    "iso-2022-jp encoded word": (
        b'filename="=?ISO-2022-JP?B?GyRCNUQ7dk8/GyhCLnBkZg==?="',
        "議事録.pdf",
    ),
}


@pytest.mark.parametrize(
    ("parameter", "expected"), RFC2231_VARIANTS.values(), ids=RFC2231_VARIANTS.keys()
)
def test_it_decodes_file_names_written_every_which_way(parameter: bytes, expected: str) -> None:
    data = (
        b"From: a@example.jp\r\nSubject: s\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
        b"--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; "
        + parameter
        + b"\r\n\r\n"
        + samples.PDF_BASE64
        + b"\r\n--b--\r\n"
    )

    (attachment,) = parse_eml(data).attachments

    assert attachment.filename == expected
    assert attachment.payload == samples.PDF_BYTES


def test_it_survives_an_iso_2022_jp_name_in_content_type_that_breaks_the_stdlib() -> None:
    # email.policy.default raises UnicodeDecodeError for this header on its own.
    data = (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nbody\n"
        b"--b\nContent-Type: application/pdf; name*=iso-2022-jp''%1B%24B-%21%1B%28B.pdf\n"
        b"Content-Transfer-Encoding: base64\n\n" + samples.PDF_BASE64 + b"\n--b--\n"
    )

    mail = parse_eml(data)

    assert mail.body_text == "body"
    assert [a.filename for a in mail.attachments] == ["①.pdf"]


def test_it_lists_inline_images_and_nameless_parts_as_attachments() -> None:
    data = (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/related; boundary=r\n\n"
        b"--r\nContent-Type: text/html; charset=utf-8\n\n<p>see <img src=cid:x alt=photo></p>\n"
        b"--r\nContent-Type: image/png\nContent-ID: <x>\nContent-Transfer-Encoding: base64\n\n"
        b"iVBORw0KGgo=\n--r--\n"
    )

    mail = parse_eml(data)

    assert mail.body_text == "see [photo]"
    assert mail.attachments == (
        Attachment(
            filename=None,
            content_type="image/png",
            size=8,
            sha256=hashlib.sha256(b"\x89PNG\r\n\x1a\n").hexdigest(),
            payload=b"\x89PNG\r\n\x1a\n",
        ),
    )


def test_it_keeps_a_forwarded_message_whole_as_one_attachment() -> None:
    inner = samples.SHIFT_JIS_BASE64
    data = (
        b"From: desk@example.jp\r\nTo: boss@example.jp\r\nSubject: Fwd\r\n"
        b"Content-Type: multipart/mixed; boundary=f\r\n\r\n"
        b"--f\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "転送します。".encode()
        + b"\r\n--f\r\nContent-Type: message/rfc822\r\n"
        b"Content-Disposition: attachment; filename=original.eml\r\n\r\n" + inner + b"\r\n--f--\r\n"
    )

    mail = parse_eml(data)

    assert mail.body_text == "転送します。"
    (forwarded,) = mail.attachments
    assert forwarded.filename == "original.eml"
    assert forwarded.content_type == "message/rfc822"
    assert parse_eml(forwarded.payload).body_text == samples.SHIFT_JIS_BODY
    assert forwarded.payload.startswith(inner.split(b"\r\n", 1)[0])


def test_it_treats_a_named_text_part_as_an_attachment() -> None:
    data = (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain; charset=utf-8\n\nbody\n"
        b"--b\nContent-Type: text/plain; charset=shift_jis\n"
        b'Content-Disposition: attachment; filename="memo.txt"\n\n'
        + "メモ".encode("cp932")
        + b"\n--b--\n"
    )

    mail = parse_eml(data)

    assert mail.body_text == "body"
    assert [(a.filename, a.payload) for a in mail.attachments] == [
        ("memo.txt", "メモ".encode("cp932"))
    ]


def test_it_joins_text_parts_split_around_an_inline_image() -> None:
    data = (
        b"From: a@example.jp\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain; charset=utf-8\n\nbefore\n"
        b"--b\nContent-Type: image/jpeg; name=a.jpg\nContent-Disposition: inline; filename=a.jpg\n"
        b"Content-Transfer-Encoding: base64\n\n/9j/4A==\n"
        b"--b\nContent-Type: text/plain; charset=utf-8\n\nafter\n--b--\n"
    )

    mail = parse_eml(data)

    assert mail.body_text == "before\nafter"
    assert [a.filename for a in mail.attachments] == ["a.jpg"]


def test_it_does_not_print_payloads_in_reprs() -> None:
    (attachment,) = parse_eml(samples.build_with_attachment("a.pdf", samples.PDF_BYTES)).attachments

    assert "PDF-1.4" not in repr(attachment)
