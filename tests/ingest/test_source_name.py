"""One stored file-name form for every route (CLI, API, UI)."""

from __future__ import annotations

import pytest

from ingest.service import safe_source_name


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("000_90c218f1079af509.txt", "000_90c218f1079af509.txt"),
        ("thu_muc/ke_hoach.docx", "ke_hoach.docx"),
        ("C:\\\\tai lieu\\\\KH 54, 2026.txt", "KH 54_ 2026.txt"),
        ("..", "tai-lieu"),
        ("a/..", "tai-lieu"),
        ("Ke hoa\u0323ch.txt", "Ke hoạch.txt"),  # NFD in, NFC out
        ("a" * 240 + ".docx", "a" * 195 + ".docx"),  # cut to 200 characters, the type kept
        ("../../etc/\x00passwd\r\n.txt", "_passwd__.txt"),
        ("\u202etxt.exe.txt", "_txt.exe.txt"),
        ("  .txt", "tai-lieu.txt"),  # a right-to-left override cannot disguise the type
    ],
)
def test_safe_source_name(name: str, stored: str) -> None:
    assert safe_source_name(name) == stored
