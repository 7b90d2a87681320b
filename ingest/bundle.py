"""A bundle of a document's attachments (.zip), as an e-office system's "tải tất cả tệp đính kèm" gives it: the
plan and its annexes (a DOCX and the XLSX of its task table, a covering letter's PDF …) are one document to the
staff who receive it, so they are read as one: each attachment by its own reader, documents first and spreadsheets
or slides (annexes) after, each group in the order of the names the office numbered them by."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from llama_index.core.schema import Document

from ingest.load import SUPPORTED_EXTENSIONS, Deadline, FileReader, Limits, LoadError, reader_for, register

# attachments that are annexes to the document beside them, read after it
_ANNEX_TYPES = frozenset((".xlsx", ".pptx"))


@register(".zip")
class BundleReader(FileReader):
    file_type = "zip"
    zipped = True

    def load_bytes(self, name: str, data: bytes, limits: Limits, extra_info: dict[str, Any] | None = None,
                   deadline: Deadline | None = None) -> Document:
        self._limits = limits  # each attachment is held to the bounds the bundle is
        return super().load_bytes(name, data, limits, extra_info, deadline)

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        limits = getattr(self, "_limits", Limits())
        texts: list[str] = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in _attachments(archive):
                try:
                    reader = reader_for(Path(info.filename))
                    texts.append(reader.load_bytes(_shown(info.filename), archive.read(info), limits,
                                                   deadline=deadline).text)
                except (LoadError, zipfile.BadZipFile, OSError, EOFError) as err:
                    raise LoadError(f"Tệp đính kèm «{_shown(info.filename)}» trong tệp ZIP không đọc được: {err}") \
                        from err
        if not texts:
            raise LoadError("Tệp ZIP không chứa tài liệu nào đọc được (văn bản, DOCX, PDF, XLSX, ảnh quét …).")
        return "\n\n".join(texts)


def _attachments(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The files a reader is registered for, not folders, a Mac's resource forks, hidden files or bundles within
    the bundle (one level is read, never more)."""
    kept = [info for info in archive.infolist()
            if not info.is_dir() and not any(p.startswith((".", "__MACOSX")) for p in PurePosixPath(info.filename).parts)
            and (ext := PurePosixPath(info.filename).suffix.lower()) in SUPPORTED_EXTENSIONS and ext != ".zip"]
    return sorted(kept, key=lambda i: (PurePosixPath(i.filename).suffix.lower() in _ANNEX_TYPES, _natural(i.filename)))


def _natural(name: str) -> list[Any]:
    """"2_PhuLuc" before "10_PhuLuc": the numbers in a name compared as numbers."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def _shown(name: str) -> str:
    return PurePosixPath(name).name
