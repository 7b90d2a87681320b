"""A bundle of attachments (.zip) as an e-office system gives it: built here with python-docx, openpyxl and
zipfile, read by the real readers of each attachment."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import docx_bytes

from ingest.load import META_FILE_TYPE, Limits, LoadError, load_bytes, load_document


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


PLAN = ["ỦY BAN NHÂN DÂN TỈNH ĐÔNG GIANG", "Số: 95/KH-UBND", "KẾ HOẠCH", "Tổ chức Đại hội Thể dục thể thao tỉnh lần thứ X",
        "I. MỤC ĐÍCH, YÊU CẦU", "Chi tiết lịch thi đấu tại Phụ lục kèm theo."]
ANNEX = [["STT", "Môn thi đấu", "Đơn vị tổ chức"], ["1", "Bóng chuyền", "Trung tâm Huấn luyện thể thao tỉnh"]]


def test_a_plan_and_its_annex_read_as_one_document_the_plan_first(tmp_path: Path) -> None:
    bundle = _zip({"2_PhuLuc_LichThiDau.xlsx": _xlsx(ANNEX), "1_KeHoach_95.docx": docx_bytes(PLAN),
                   "__MACOSX/._1_KeHoach_95.docx": b"\x00\x05\x16\x07", ".DS_Store": b"\x00\x00",
                   "huong-dan/": b"", "chu-ky.p7s": b"\x30\x82", "cu/ke-hoach-cu.zip": _zip({"a.txt": b"cu"})})
    (tmp_path / "tep-dinh-kem.zip").write_bytes(bundle)
    doc = load_document(tmp_path / "tep-dinh-kem.zip")
    assert doc.metadata[META_FILE_TYPE] == "zip"
    lines = doc.text.splitlines()
    assert lines[:len(PLAN)] == PLAN  # the plan first, though its annex's name comes first in the archive
    assert "1\tBóng chuyền\tTrung tâm Huấn luyện thể thao tỉnh" in lines[len(PLAN):]
    assert "cu" not in lines  # a bundle inside the bundle is not opened


def test_annexes_follow_in_the_order_the_office_numbered_them() -> None:
    bundle = _zip({f"PL{n}.xlsx": _xlsx([["STT", "Nội dung"], ["1", f"Phụ lục số {n}"]]) for n in (10, 2, 1)}
                  | {"KeHoach.docx": docx_bytes(PLAN)})
    text = load_bytes("dinh-kem.zip", bundle, Limits()).text
    assert [text.index(f"Phụ lục số {n}") for n in (1, 2, 10)] == sorted(text.index(f"Phụ lục số {n}") for n in (1, 2, 10))
    assert text.index("KẾ HOẠCH") < text.index("Phụ lục số 1")


@pytest.mark.parametrize(("members", "reason"), [
    ({"chu-ky.p7s": b"\x30\x82", "anh.gif": b"GIF89a"}, "không chứa tài liệu nào đọc được"),
    ({"KeHoach.docx": docx_bytes(PLAN), "PhuLuc.xlsx": b"PK\x03\x04 hong"}, "«PhuLuc.xlsx» trong tệp ZIP không đọc được"),
])
def test_a_bundle_with_nothing_to_read_or_a_broken_attachment_is_refused_in_vietnamese(
        members: dict[str, bytes], reason: str) -> None:
    with pytest.raises(LoadError, match=reason):
        load_bytes("dinh-kem.zip", _zip(members), Limits())


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    with pytest.raises(LoadError, match="bom nén"):
        load_bytes("dinh-kem.zip", _zip({"KeHoach.txt": b"0" * (8 * 1024 * 1024)}), Limits())
