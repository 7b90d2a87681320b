"""Junk is refused, text is not: every real plan passes, whatever its layout or encoding damage."""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest

from ingest.junk import junk_reason

RNG = random.Random(7)
EXT = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-ext"


def test_every_corpus_plan_is_text(corpus_files: list[Path]) -> None:
    files = corpus_files + sorted(EXT.glob("*.txt"))
    assert len(files) >= 15
    assert {f.name: junk_reason(f.read_text(encoding="utf-8")) for f in files} == {f.name: None for f in files}


@pytest.mark.parametrize("text", [
    "Kế hoạch số 12-KH/ĐU ngày 05/3/2026 về chuyển đổi số.",
    "Ke hoach chuyen doi so nam 2026 cua Dang uy xa (go khong dau).",
    "The plan sets targets for digital transformation in Party agencies by 2026.",
    "KÕ ho¹ch chuyÓn ®æi sè n¨m 2026 cña §¶ng ñy x·",  # TCVN3 read as Windows-1258: mojibake, still words
    "| STT | Nội dung | Đơn vị chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Rà soát hạ tầng | VP | Quý III |",
    "中华人民共和国国务院关于数字化转型的计划。" * 5,
], ids=["vietnamese", "no-diacritics", "english", "tcvn3-mojibake", "markdown-table", "chinese"])
def test_text_in_any_human_language_passes(text: str) -> None:
    assert junk_reason(text) is None


@pytest.mark.parametrize(("text", "fragment"), [
    ("x", "quá ngắn"),
    ("Kế hoạch", "quá ngắn"),
    (base64.b64encode(RNG.randbytes(30_000)).decode(), "chuỗi ký tự liền"),
    (RNG.randbytes(20_000).hex(), "chuỗi ký tự liền"),
    ("".join(chr(RNG.randint(32, 126)) for _ in range(20_000)), "chuỗi ký tự liền"),
    ("".join(chr(RNG.randint(0x20, 0x2FFF)) for _ in range(20_000)), "chuỗi ký tự liền"),
    ("\n".join("\t".join(str(RNG.randint(0, 99999)) for _ in range(8)) for _ in range(500)), "rất ít chữ cái"),
    ("Kế hoạch chuyển đổi số năm 2026. " * 10_000, "lặp lại bất thường"),
], ids=["one-letter", "one-word", "base64", "hex", "printable-noise", "unicode-noise", "numbers-only", "repeated"])
def test_junk_is_refused_with_a_reason(text: str, fragment: str) -> None:
    reason = junk_reason(text)
    assert reason is not None and fragment in reason
