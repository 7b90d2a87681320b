"""Files offered for download (exports, report drafts) stay inside the private upload folder of the data
directory, never in the system temp directory."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from ui.context import download_file
from ui.server import confine_uploads


def test_downloads_are_written_in_the_confined_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRADIO_TEMP_DIR", raising=False)
    folder = confine_uploads(tmp_path / "data")
    update = download_file("nhiem-vu.xlsx", b"PK\x03\x04 du lieu")
    path = Path(update["value"])
    assert path.read_bytes() == b"PK\x03\x04 du lieu" and path.name == "nhiem-vu.xlsx"
    assert path.is_relative_to(folder) and not path.is_relative_to(Path(tempfile.gettempdir()) / "gradio")
    assert confine_uploads(tmp_path / "data") == folder and not path.exists()  # emptied at the next start
