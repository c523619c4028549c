"""Properties: no input escapes the error hierarchy; bodies survive a round trip."""

from __future__ import annotations

import base64

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mamori.mail import MailError, ParsedMail, parse_eml

from . import samples

# No example database: nothing written outside the test run.
FUZZ = settings(database=None, max_examples=300, deadline=None)
ROUND_TRIP = settings(database=None, max_examples=150, deadline=None)

SAMPLES = [
    samples.ISO2022JP_OUTLOOK,
    samples.SHIFT_JIS_BASE64,
    samples.EUC_JP_QP,
    samples.MIXED_WITH_ATTACHMENTS,
    samples.WRONG_LABEL,
    samples.MISSING_CHARSET,
    samples.MBOX_MESSAGE,
    samples.build_utf8_alternative(),
]


def _parses_or_refuses(data: bytes) -> None:
    try:
        result = parse_eml(data)
    except MailError as error:
        assert error.code.startswith("mail.")
        assert error.message_ja and error.message_en
    else:
        assert isinstance(result, ParsedMail)
        assert "\x00" not in result.body_text
        assert result.date is None or result.date.tzinfo is not None


@FUZZ
@given(st.binary(max_size=4096))
@example(b"")
@example(b"From: \x1b$B\x80")
@example(b"Subject: =?iso-2022-jp?b?GyRCLSE?=\n\n")
@example(b"Content-Type: multipart/mixed; boundary*=iso-2022-jp''%1B%24B-%21\nFrom: a\n\n")
def test_arbitrary_bytes_only_ever_raise_mail_errors(data: bytes) -> None:
    _parses_or_refuses(data)


@FUZZ
@given(
    st.sampled_from(SAMPLES),
    st.integers(min_value=0, max_value=4000),
    st.binary(max_size=64),
    st.booleans(),
)
def test_damaged_real_mail_only_ever_raises_mail_errors(
    sample: bytes, position: int, junk: bytes, truncate: bool
) -> None:
    position %= len(sample) + 1
    damaged = sample[:position] + junk + (b"" if truncate else sample[position:])

    _parses_or_refuses(damaged)


@FUZZ
@given(st.binary(max_size=512))
def test_arbitrary_bodies_after_real_headers_only_ever_raise_mail_errors(body: bytes) -> None:
    headers = samples.MIXED_WITH_ATTACHMENTS.split(b"\r\n\r\n", 1)[0]

    _parses_or_refuses(headers + b"\r\n\r\n" + body)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


@ROUND_TRIP
@given(
    st.text(
        alphabet=st.characters(
            codec="utf-8",  # no lone surrogates
            # NUL is dropped on purpose (databases refuse it); ESC $ B would
            # rightly be read as ISO-2022-JP.
            exclude_characters="\x00\x1b",
        ),
        max_size=300,
    )
)
@example("①㈱髙 ｶﾀｶﾅ\r\nline two\rline three")
@example("\x0c\x0b\x1c\x85\u2028 odd separators")
def test_any_text_body_round_trips_through_a_built_message(body: str) -> None:
    mail = parse_eml(samples.build_text(body))

    assert _normalise(mail.body_text) == _normalise(body)


JAPANESE = st.text(
    alphabet=st.sampled_from(
        "あいうえおかがアイウエオヴー漢字日本語髙﨑德①②⑳㈱㈲№℡ⅠⅢｱｲｳｶﾞ～－・「」。、　 ABCabc123\n"
    ),
    max_size=200,
)


def _raw_message(label: str, payload: bytes) -> bytes:
    return (
        b"From: a@example.jp\r\nSubject: s\r\nContent-Type: text/plain; charset="
        + label.encode()
        + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(payload)
    )


@ROUND_TRIP
@given(JAPANESE, st.sampled_from(["Shift_JIS", "shift-jis", "Windows-31J", "CP932"]))
def test_cp932_text_round_trips_under_any_shift_jis_label(body: str, label: str) -> None:
    mail = parse_eml(_raw_message(label, body.encode("cp932")))

    assert _normalise(mail.body_text) == _normalise(body)


@ROUND_TRIP
@given(JAPANESE.filter(lambda text: not any("\u2460" <= c <= "\u33ff" for c in text)))
def test_jis_x_0208_text_round_trips_through_iso_2022_jp_and_euc_jp(body: str) -> None:
    try:
        jis = body.encode("iso2022_jp")
        euc = body.encode("euc_jp")
    except UnicodeEncodeError:
        return  # outside JIS X 0208 (IBM kanji, half-width kana): covered by cp932

    assert _normalise(parse_eml(_raw_message("ISO-2022-JP", jis)).body_text) == _normalise(body)
    assert _normalise(parse_eml(_raw_message("EUC-JP", euc)).body_text) == _normalise(body)


@ROUND_TRIP
@given(
    st.text(
        alphabet=st.sampled_from("あ漢字①㈱髙ｶ ABCxyz-_.,:!?()\"'=?"),
        min_size=1,
        max_size=80,
    ).filter(lambda text: text.strip())
)
def test_subjects_round_trip_through_the_stdlib_encoder(subject: str) -> None:
    mail = parse_eml(samples.build_text("body\n", subject=subject))

    assert mail.subject == subject.strip()
