"""Turning Japanese mail bytes into text when the charset label can't be trusted.

The standard library knows the Japanese codecs but decodes them the way the
standards say, while real mail is written by Windows and by phones:

* ISO-2022-JP from Outlook and friends carries NEC row 13 (①, ㈱, Ⅲ) and the
  NEC-selected IBM rows 89–92 (髙, 﨑) inside ``ESC $ B``, which Python's
  ``iso2022_jp*`` codecs reject. :func:`_decode_cp50220` reads such text the way
  Windows' CP50220/CP50221 do: it turns each JIS pair into Shift_JIS and
  decodes the result as CP932.
* "Shift_JIS" means CP932 (Windows-31J) in practice.
* EUC-JP falls back to eucJP-ms (the same NEC and IBM rows, read through
  CP932 like Windows' CP51932), then to EUC-JIS-2004.
* Python's CP932 turns the stray bytes 0x80, 0xA0 and 0xFD–0xFF into
  control and private-use characters instead of failing; here they fail.
* Labels are often wrong or missing, so :func:`decode_text` falls back to
  detection: ISO-2022-JP by its escape sequences, then UTF-8, CP932 and EUC-JP,
  keeping whichever strict decoding reads most like real text.

Preconditions: pure functions, no I/O, never raise for any bytes or label.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Decoded", "Outcome", "decode_text", "normalize_label"]

#: How a decoding went.
#:
#: ``ok``       the declared charset (or plain ASCII) worked as labelled;
#: ``variant``  the declared family worked only through a vendor variant
#:              (CP50220 for ISO-2022-JP, eucJP-ms for EUC-JP …);
#: ``mismatch`` the label was wrong or unknown and another charset was detected;
#: ``missing``  there was no label and the data is not ASCII, so it was detected;
#: ``replaced`` nothing decoded cleanly; undecodable bytes became U+FFFD.
Outcome = Literal["ok", "variant", "mismatch", "missing", "replaced"]

_Decoder = Callable[[bytes], str]


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    charset: str
    outcome: Outcome


# --- CP50220-like ISO-2022-JP and eucJP-ms-like EUC-JP -----------------------

_ESC = 0x1B
_SO = 0x0E  # shift out: JIS X 0201 katakana until SI (CP50222 / JIS7)
_SI = 0x0F

_ASCII, _JIS0208, _KANA = 0, 1, 2

_ESCAPES: tuple[tuple[bytes, int], ...] = (
    (b"\x1b(B", _ASCII),
    (b"\x1b(J", _ASCII),  # JIS X 0201 Roman: read as ASCII, like Windows does
    (b"\x1b(I", _KANA),
    (b"\x1b$B", _JIS0208),
    (b"\x1b$@", _JIS0208),
    (b"\x1b&@\x1b$B", _JIS0208),  # JIS X 0208-1990 announcer
)

#: An escape sequence that switches to a Japanese two-byte set.
_JIS_ESCAPE_RE = re.compile(rb"\x1b(?:\$[@B]|\$\([DOPQ]|\(I)")


def _jis_pair_to_sjis(c1: int, c2: int, out: bytearray) -> None:
    """Append the Shift_JIS bytes for JIS row/cell bytes ``c1 c2`` (0x21–0x7E)."""
    s1 = (c1 - 0x21) // 2 + 0x81
    if s1 > 0x9F:
        s1 += 0x40
    if c1 % 2:  # odd JIS row byte: first half of the Shift_JIS lead byte
        s2 = c2 + 0x1F
        if s2 >= 0x7F:
            s2 += 1
    else:
        s2 = c2 + 0x7E
    out += bytes((s1, s2))


def _fail(name: str, data: bytes, pos: int, reason: str) -> UnicodeDecodeError:
    return UnicodeDecodeError(name, data, pos, min(pos + 1, len(data)), reason)


#: What Python's cp932 makes of the single bytes 0x80, 0xA0 and 0xFD-0xFF,
#: which are not Shift_JIS at all: accepting them would let any binary junk
#: "decode" as CP932.
_CP932_NON_TEXT_RE = re.compile("[\x80\uf8f0-\uf8f3]")


def _decode_cp932(data: bytes) -> str:
    text = data.decode("cp932")
    bad = _CP932_NON_TEXT_RE.search(text)
    if bad is not None:
        raise _fail("cp932", data, 0, f"not Shift_JIS: {bad.group()!r}")
    return text


def _decode_cp50220(data: bytes) -> str:
    """Decode ISO-2022-JP the way Windows' CP50220/CP50221 do.

    Handles ``ESC ( B``, ``ESC ( J``, ``ESC ( I``, ``ESC $ @``, ``ESC $ B`` and
    SO/SI katakana. A line break returns to ASCII (RFC 1468 requires that anyway,
    and mailers that forget the ``ESC ( B`` mean it). Raises
    :class:`UnicodeDecodeError` on anything else (8-bit bytes, JIS X 0212/0213
    escapes, pairs CP932 does not define), so callers can try the next codec.
    """
    out = bytearray()
    mode = _ASCII
    shifted = False
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == _ESC:
            for seq, new_mode in _ESCAPES:
                if data.startswith(seq, i):
                    mode = new_mode
                    i += len(seq)
                    break
            else:
                raise _fail("cp50220", data, i, "unsupported escape sequence")
            continue
        if b >= 0x80:
            raise _fail("cp50220", data, i, "8-bit byte in a 7-bit encoding")
        if b == _SO:
            shifted = True
        elif b == _SI:
            shifted = False
        elif b in (0x0A, 0x0D):
            mode = _ASCII
            shifted = False
            out.append(b)
        elif b < 0x21 or b == 0x7F:
            out.append(b)
        elif shifted or mode == _KANA:
            if b > 0x5F:
                raise _fail("cp50220", data, i, "not a JIS X 0201 katakana")
            out.append(b + 0x80)
        elif mode == _JIS0208:
            if i + 1 >= n or not 0x21 <= data[i + 1] <= 0x7E:
                raise _fail("cp50220", data, i, "incomplete JIS X 0208 pair")
            _jis_pair_to_sjis(b, data[i + 1], out)
            i += 1
        else:
            out.append(b)
        i += 1
    return _decode_cp932(bytes(out))


def _decode_eucjp_ms(data: bytes) -> str:
    """Decode EUC-JP with the NEC and IBM rows, like eucJP-ms and CP51932.

    Two-byte EUC is JIS plus 0x80, so each pair goes through the same JIS to
    Shift_JIS step as :func:`_decode_cp50220` and the result is read as CP932.
    JIS X 0212 (``0x8F``) is not supported and raises.
    """
    out = bytearray()
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(b)
        elif b == 0x8E and i + 1 < n and 0xA1 <= data[i + 1] <= 0xDF:
            out.append(data[i + 1])
            i += 1
        elif 0xA1 <= b <= 0xFE and i + 1 < n and 0xA1 <= data[i + 1] <= 0xFE:
            _jis_pair_to_sjis(b - 0x80, data[i + 1] - 0x80, out)
            i += 1
        else:
            raise _fail("eucjp-ms", data, i, "not an EUC-JP sequence")
        i += 1
    return _decode_cp932(bytes(out))


# --- Families of decoders --------------------------------------------------


def _codec(name: str) -> tuple[str, _Decoder]:
    def decode(data: bytes) -> str:
        return data.decode(name)

    return name, decode


def _decode_iso2022jp(data: bytes) -> str:
    # Python passes SO/SI through as control characters; in Japanese mail they
    # only ever mean JIS7 katakana, which _decode_cp50220 reads.
    shift = re.search(rb"[\x0e\x0f]", data)
    if shift is not None:
        raise _fail("iso2022_jp", data, shift.start(), "SO/SI katakana")
    return data.decode("iso2022_jp")


_JIS_FAMILY = (
    ("iso2022_jp", _decode_iso2022jp),
    ("cp50220", _decode_cp50220),
    _codec("iso2022_jp_2004"),
    _codec("iso2022_jp_2"),
    _codec("iso2022_jp_3"),
)
_JIS_NAMES = frozenset(name for name, _ in _JIS_FAMILY)
_SJIS_FAMILY = (("cp932", _decode_cp932), _codec("shift_jis_2004"))
# eucjp-ms before euc_jis_2004: both read row 13 (①, ㈱) alike, but rows
# 89-92 are IBM kanji such as 髙 and 﨑 in eucJP-ms (PHP's "eucJP-win" form
# mail) and unrelated JIS X 0213 kanji in EUC-JIS-2004; names need the former.
_EUC_FAMILY = (
    _codec("euc_jp"),
    ("eucjp-ms", _decode_eucjp_ms),
    _codec("euc_jis_2004"),
)
_UTF8_FAMILY = (_codec("utf-8"),)
_ASCII_FAMILY = (_codec("ascii"),)

_FAMILY_OF_CODEC: dict[str, tuple[tuple[str, _Decoder], ...]] = {
    "iso2022_jp": _JIS_FAMILY,
    "iso2022_jp_1": _JIS_FAMILY,
    "iso2022_jp_2": _JIS_FAMILY,
    "iso2022_jp_2004": _JIS_FAMILY,
    "iso2022_jp_3": _JIS_FAMILY,
    "iso2022_jp_ext": _JIS_FAMILY,
    "shift_jis": _SJIS_FAMILY,
    "cp932": _SJIS_FAMILY,
    "shift_jis_2004": _SJIS_FAMILY,
    "shift_jisx0213": _SJIS_FAMILY,
    "euc_jp": _EUC_FAMILY,
    "euc_jis_2004": _EUC_FAMILY,
    "euc_jisx0213": _EUC_FAMILY,
    "utf-8": _UTF8_FAMILY,
    "ascii": _ASCII_FAMILY,
}

#: Labels seen in Japanese mail that Python's codec registry does not know.
_EXTRA_LABELS = {
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "x-shift-jis": "cp932",
    "x-shift_jis": "cp932",
    "sjis-win": "cp932",
    "sjis-open": "cp932",
    "x-ms-cp932": "cp932",
    "cp50220": "iso2022_jp",
    "cp50221": "iso2022_jp",
    "cp50222": "iso2022_jp",
    "x-euc-jp": "euc_jp",
    "x-euc": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp",
    "eucjp-ms": "euc_jp",
    "eucjp-win": "euc_jp",
    "eucjp-open": "euc_jp",
    "cp51932": "euc_jp",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
}


def normalize_label(label: str | None) -> str | None:
    """Lower-case a charset label and strip quotes and an RFC 2231 ``*lang``."""
    if label is None:
        return None
    cleaned = label.strip().strip("\"'").strip().lower().split("*", 1)[0]
    return cleaned or None


def _decoders_for_label(label: str) -> tuple[tuple[str, _Decoder], ...] | None:
    """The decoders to try, in order, for a charset label; None if unknown."""
    name = _EXTRA_LABELS.get(label)
    if name is None:
        try:
            info = codecs.lookup(label)
        except (LookupError, ValueError):
            return None
        if not getattr(info, "_is_text_encoding", True):
            return None  # base64, zlib, rot13 …: not a charset
        name = info.name
    family = _FAMILY_OF_CODEC.get(name)
    if family is None:
        return (_codec(name),)
    # The labelled member first (iso-2022-jp-2, euc-jis-2004 …), then the rest.
    first = [entry for entry in family if entry[0] == name]
    return (*first, *(entry for entry in family if entry[0] != name))


def _try(decoder: _Decoder, data: bytes) -> str | None:
    try:
        return decoder(data)
    except (UnicodeError, LookupError, ValueError, TypeError):
        # Any codec can refuse any bytes; refusal just means "not this one".
        return None


def _first_success(
    decoders: tuple[tuple[str, _Decoder], ...], data: bytes
) -> tuple[str, str, bool] | None:
    """(text, codec name, was-it-the-first-decoder) for the first that works."""
    for index, (name, decoder) in enumerate(decoders):
        text = _try(decoder, data)
        if text is not None:
            return text, name, index == 0
    return None


_HALFWIDTH_KANA_RE = re.compile("[\uff61-\uff9f]")
_JUNK_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def _oddness(text: str) -> int:
    """How little ``text`` looks like something a person wrote; lower is better.

    Mis-decoded EUC-JP read as CP932 turns into half-width katakana; mis-decoded
    anything tends to produce control characters and private-use code points.
    """
    # subn counts without building a list of matches (bodies can be megabytes).
    return _HALFWIDTH_KANA_RE.subn("", text)[1] + 3 * _JUNK_RE.subn("", text)[1]


def _has_jis_escape(data: bytes) -> bool:
    return data.isascii() and _JIS_ESCAPE_RE.search(data) is not None


def _detect(data: bytes, skip: frozenset[str]) -> tuple[str, str] | None:
    """Best strict decoding among the Japanese candidates not already tried."""
    families: list[tuple[tuple[str, _Decoder], ...]] = []
    if _has_jis_escape(data):
        families.append(_JIS_FAMILY)
    families += [_UTF8_FAMILY, _SJIS_FAMILY, _EUC_FAMILY]
    best: tuple[int, str, str] | None = None
    for family in families:
        remaining = tuple(entry for entry in family if entry[0] not in skip)
        found = _first_success(remaining, data)
        if found is None:
            continue
        text, name, _ = found
        score = _oddness(text)
        if best is None or score < best[0]:
            best = (score, text, name)
        if score == 0:
            break  # families are in order of likelihood; a clean read wins
    if best is None:
        return None
    return best[1], best[2]


def _decode_with_replacement(data: bytes, label_codec: str | None) -> tuple[str, str]:
    names = [label_codec] if label_codec else []
    if _has_jis_escape(data):
        names.append("iso2022_jp")
    names += ["utf-8", "cp932", "euc_jp"]
    best: tuple[int, str, str] | None = None
    for name in names:
        try:
            text = data.decode(name, "replace")
        except (UnicodeError, LookupError, ValueError, TypeError):
            continue
        if name == "cp932":
            text = _CP932_NON_TEXT_RE.sub("\ufffd", text)
        score = _oddness(text)
        if best is None or score < best[0]:
            best = (score, text, name)
    if best is None:  # unreachable: utf-8 with "replace" always decodes
        return data.decode("utf-8", "replace"), "utf-8"
    return best[1], best[2]


def decode_text(data: bytes, label: str | None) -> Decoded:
    """Decode ``data`` labelled ``label`` (``None`` when unlabelled); never raises."""
    norm = normalize_label(label)
    if data.isascii() and not _has_jis_escape(data):
        # Plain ASCII reads the same in every charset we accept.
        charset = "ascii"
        if norm is not None:
            decoders = _decoders_for_label(norm)
            if decoders is not None and _try(decoders[0][1], data) == data.decode("ascii"):
                charset = decoders[0][0]
        return Decoded(data.decode("ascii"), charset, "ok")

    tried: set[str] = set()
    label_codec: str | None = None
    if norm is not None:
        decoders = _decoders_for_label(norm)
        if decoders is not None:
            label_codec = decoders[0][0]
            found = _first_success(decoders, data)
            tried.update(name for name, _ in decoders)
            if found is not None:
                text, name, first = found
                # A 7-bit "us-ascii"/"utf-8" body full of ESC $ B is
                # ISO-2022-JP with a wrong label, not text with ESC in it.
                mislabelled_jis = (
                    "\x1b" in text and name not in _JIS_NAMES and _has_jis_escape(data)
                )
                if not mislabelled_jis:
                    return Decoded(text, name, "ok" if first else "variant")

    detected = _detect(data, frozenset(tried))
    outcome: Outcome = "missing" if norm is None else "mismatch"
    if detected is not None:
        return Decoded(detected[0], detected[1], outcome)
    text, name = _decode_with_replacement(data, label_codec)
    return Decoded(text, name, "replaced")
