"""Command line: ``mamori triage`` and ``python -m mamori.triage``.

    mamori triage FILE            readable summary (Japanese; --lang en for English)
    mamori triage --json FILE     one contract JSON object
    mamori triage --jsonl IN      one JSON object per input line {"id", "text"}
    mamori triage -               read standard input

Exit codes: 0 success; 1 some JSONL lines failed (each has an error object);
2 bad input or usage (missing file, empty, binary, too long); 3 the rules or
the model could not be loaded.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import IO, Any

from ._decode import decode_bytes
from ._engine import MAX_TEXT_CHARS, default_engine
from ._exceptions import InputError, ModelError, TriageError, UndecodableInput
from ._labels import label_name
from ._result import Finding, Result

__all__ = ["main"]

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_INPUT = 2
EXIT_MODEL = 3

_CONTEXT = 24  # characters of context shown on each side of a quote


class _CliInputError(InputError):
    """A CLI-only input problem (file missing or unreadable)."""

    code = "file_unreadable"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mamori triage",
        description="苦情・カスハラの文章を判定します / Triage a complaint or harassment text.",
    )
    parser.add_argument("file", help="入力ファイル(- は標準入力) / input file, - for stdin")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument(
        "--json", action="store_true", help="契約どおりのJSONを出力 / print contract JSON"
    )
    fmt.add_argument(
        "--jsonl",
        action="store_true",
        help='1行1件のJSONL {"id","text"} を処理 / process JSONL, one {"id","text"} per line',
    )
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help="表示言語 / language")
    return parser


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise _CliInputError(
            f"File not found: {path}", message_ja=f"ファイルが見つかりません: {path}"
        ) from None
    except IsADirectoryError:
        raise _CliInputError(
            f"Is a directory, not a file: {path}",
            message_ja=f"ファイルではなくフォルダです: {path}",
        ) from None
    except OSError as exc:
        raise _CliInputError(
            f"Cannot read {path}: {exc.strerror}",
            message_ja=f"ファイルを読み込めません: {path}({exc.strerror})",
        ) from None


def _error_line(error: TriageError) -> str:
    return f"エラー: {error.message_ja}\nError: {error.message_en}\n"


def _highlight(text: str, finding: Finding, tty: bool) -> str:
    start, end = finding.start, finding.end
    left = text[max(0, start - _CONTEXT) : start].replace("\n", " ")
    right = text[end : end + _CONTEXT].replace("\n", " ")
    quote = finding.quote.replace("\n", " ")
    mark = f"\033[1m{quote}\033[0m" if tty else f"⟦{quote}⟧"
    prefix = "…" if start > _CONTEXT else ""
    suffix = "…" if end + _CONTEXT < len(text) else ""
    return f"{prefix}{left}{mark}{right}{suffix}"


def _width(text: str) -> int:
    # Full-width characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _names(labels: tuple[str, ...], lang: str) -> str:
    none = "none" if lang == "en" else "なし"
    return ", ".join(f"{label_name(x, lang)} ({x})" for x in labels) or none


def format_summary(text: str, result: Result, lang: str = "ja", tty: bool = False) -> str:
    """A readable report of one result."""
    en = lang == "en"
    head = [
        ("Verdict" if en else "判定", f"{label_name(result.verdict, lang)} ({result.verdict})"),
        (
            "Demand / means" if en else "要求の妥当性 / 手段の相当性",
            f"{label_name(result.demand_validity, lang)} ({result.demand_validity}) / "
            f"{label_name(result.means, lang)} ({result.means})",
        ),
        ("Categories" if en else "行為類型", _names(result.categories, lang)),
        ("Red flags" if en else "注意すべき兆候", _names(result.flags, lang)),
        ("Topics" if en else "テーマ", _names(result.topics, lang)),
        ("Severity" if en else "重大度", f"{result.severity}/5"),
    ]
    width = max(_width(k) for k, _ in head)
    lines = [f"{k}{' ' * (width - _width(k))}  {v}" for k, v in head]
    lines.append("")
    lines.append("Evidence:" if en else "根拠:")
    if not result.findings:
        lines.append("  (none)" if en else "  (なし)")
    for f in result.findings:
        where = f"{f.start}-{f.end}"
        lines.append(f"  [{label_name(f.label, lang)}] {where}  {_highlight(text, f, tty)}")
        lines.append(f"      {f.explanation_in(lang)}")
        lines.append(f"      ({f.rule}, confidence {f.confidence:.2f})")
    return "\n".join(lines) + "\n"


def _jsonl(data: str, out: IO[str], err: IO[str]) -> int:
    engine = default_engine()
    failed = 0
    for lineno, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        item_id: Any = None
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("not an object")
            item_id = row.get("id")
            text = row.get("text")
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
        except ValueError as exc:
            failed += 1
            err.write(f"{lineno}行目: JSONとして読めません / line {lineno}: invalid JSON ({exc})\n")
            out.write(
                json.dumps(
                    {
                        "id": item_id,
                        "error": {
                            "code": "invalid_line",
                            "message": f"line {lineno}: {exc}",
                            "message_ja": f"{lineno}行目を読み取れません",
                        },
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            continue
        try:
            payload = engine.triage(text).to_dict()
        except InputError as exc:
            failed += 1
            out.write(
                json.dumps(
                    {
                        "id": item_id,
                        "error": {
                            "code": exc.code,
                            "message": exc.message_en,
                            "message_ja": exc.message_ja,
                        },
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            continue
        out.write(json.dumps({"id": item_id, **payload}, ensure_ascii=False) + "\n")
    return EXIT_PARTIAL if failed else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the triage CLI; returns the exit code (never raises for bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `mamori triage FILE` may pass the sub-command name along.
    if args_list and args_list[0] == "triage":
        args_list = args_list[1:]
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exc:  # argparse already printed usage or help
        return EXIT_OK if exc.code in (0, None) else EXIT_INPUT
    out, err = sys.stdout, sys.stderr
    try:
        data = _read(args.file)
        text = decode_bytes(data)
        if args.jsonl:
            return _jsonl(text, out, err)
        if len(text) > MAX_TEXT_CHARS:
            from ._exceptions import TextTooLong

            raise TextTooLong(len(text), MAX_TEXT_CHARS)
        result = default_engine().triage(text)
    except UndecodableInput as exc:
        err.write(_error_line(exc))
        return EXIT_INPUT
    except InputError as exc:
        err.write(_error_line(exc))
        return EXIT_INPUT
    except ModelError as exc:
        err.write(_error_line(exc))
        return EXIT_MODEL
    if args.json:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    else:
        tty = bool(getattr(out, "isatty", lambda: False)())
        out.write(format_summary(text, result, args.lang, tty))
    return EXIT_OK
