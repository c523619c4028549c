"""The command line: summary, --json, --jsonl, stdin, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mamori.triage._cli import main

ROOT = Path(__file__).resolve().parents[3]
MEMO = "【受電】N社 課長\n・「Rを今日中にクビにしろ」と大声で繰り返した。\n"


@pytest.fixture()
def memo(tmp_path: Path) -> Path:
    path = tmp_path / "memo.txt"
    path.write_text(MEMO, encoding="utf-8")
    return path


def test_it_prints_a_summary_with_marked_quotes(
    memo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(memo)]) == 0
    out = capsys.readouterr().out
    assert "判定" in out and "customer_harassment" in out
    assert "解雇・処罰の要求 (dismissal_demand)" in out
    assert "⟦クビにしろ⟧" in out  # not a tty: brackets, no ANSI codes
    assert "\033[" not in out


def test_it_prints_english_labels(memo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", str(memo)]) == 0
    out = capsys.readouterr().out
    assert "Verdict" in out and "Dismissal demand (dismissal_demand)" in out


def test_it_accepts_the_subcommand_name(memo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "--json", str(memo)]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "customer_harassment"


def test_it_prints_one_contract_json_object(memo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", str(memo)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["flags"][0] == "dismissal_demand"
    for f in data["findings"]:
        assert MEMO[f["start"] : f["end"]] == f["quote"]


def test_it_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(MEMO.encode("cp932")), encoding="cp932")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "customer_harassment"


def test_jsonl_gives_one_line_per_input_and_errors_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok", "text": "請求書の金額が違います。訂正をお願いします。"}),
                "{not json",
                json.dumps({"id": "empty", "text": "   "}),
                json.dumps({"id": 7, "text": MEMO}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["--jsonl", str(path)]) == 1
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["id"] for line in lines] == ["ok", None, "empty", 7]
    assert lines[0]["verdict"] == "legitimate_complaint"
    assert lines[1]["error"]["code"] == "invalid_line"
    assert lines[2]["error"]["code"] == "empty_text"
    assert lines[3]["verdict"] == "customer_harassment"
    assert "2行目" in captured.err


def test_jsonl_all_good_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": MEMO}) + "\n", encoding="utf-8")
    assert main(["--jsonl", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "a"


@pytest.mark.parametrize(
    ("content", "code_word"),
    [
        (None, "見つかりません"),
        (b"", "空です"),
        (b"   \n", "空です"),
        (b"\x00\x01\x02\x03binary", "読み取れません"),
        ("あ".encode() * 100_001, "長すぎます"),
    ],
)
def test_bad_input_exits_2_with_a_bilingual_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, code_word: str
) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert code_word in captured.err
    assert "Error:" in captured.err
    assert "Traceback" not in captured.err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "x.txt"]) == 2
    assert main([]) == 2


def test_python_dash_m_works(memo: Path) -> None:
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "mamori.triage", "--json", str(memo)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["verdict"] == "customer_harassment"
    missing = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mamori.triage", str(memo) + ".missing"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
