"""Metadata read from the text: exact titles of the corpus documents, headers, signatures, references."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from llama_index.core.schema import Document

from assistant.text import nfc
from ingest.metadata import MetadataExtractor, extract_metadata
from ingest.normalize import normalize_text


def _text_forms() -> list:
    """The extractor runs after normalize; it must also cope with the raw export (NFC, CRLF)."""
    forms = [
        pytest.param(nfc, id="nfc"),
        pytest.param(lambda raw: nfc(raw).replace("\n", "\r\n"), id="crlf"),
    ]
    try:
        from ingest.normalize import normalize_text
    except ImportError:  # the normalize stage is written separately; test it here once it exists
        return forms
    return [*forms, pytest.param(lambda raw: normalize_text(raw)[0], id="normalized")]


FORMS = _text_forms()

# file -> doc_type, title, issuer, signer, signer_title
CORPUS = {
    "000_90c218f1079af509.txt": (
        "Kế hoạch",
        "Kế hoạch tổng thể chuyển đổi số của ngành Tổ chức xây dựng Đảng năm 2026 và giai đoạn 2027 - 2030",
        "Ban Thường vụ Đảng ủy",
        "Nguyễn Ngọc Thành",
        "Phó Bí thư Thường trực",
    ),
    "001_ce564b243cd16df3.txt": (
        "Chương trình hành động",
        "Chương trình hành động thực hiện Nghị quyết số 04-NQ/TU ngày 29/01/2026 của Ban Thường vụ Tỉnh ủy "
        "về đẩy mạnh thực hiện các mục tiêu, nhiệm vụ chuyển đổi số năm 2026",
        "",
        "Lê Phú Quốc",
        "Bí thư",
    ),
    "002_c556544764ad3087.txt": (
        "Kế hoạch",
        "Kế hoạch triển khai thực hiện Đề án Chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai",
        "Tỉnh ủy Đồng Nai",
        "Tôn Ngọc Hạnh",
        "Phó Bí thư Thường trực",
    ),
    "003_cd1a971a82c3f3b2.txt": (
        "Kế hoạch",
        "Kế hoạch chuyển đổi số của Ban Tổ chức Tỉnh ủy và ngành Tổ chức xây dựng Đảng tỉnh Lâm Đồng "
        "năm 2026 và giai đoạn đến năm 2030",
        "Ban Tổ chức Tỉnh ủy",
        "Trần Văn Nam",
        "Phó Trưởng ban Thường trực",
    ),
    "004_ac3b5f093c57f3b4.txt": (
        "Kế hoạch",
        "Kế hoạch chuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026",
        "Ban Thường vụ Đảng ủy phường",
        "Cao Thị Thanh Xuân",
        "Phó Bí thư Thường trực",
    ),
}


def corpus_meta(corpus_dir: Path, name: str, form: Callable[[str], str]) -> dict:
    return extract_metadata(form((corpus_dir / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_titles_types_issuers_and_signers(corpus_dir: Path, name: str, form) -> None:
    meta = corpus_meta(corpus_dir, name, form)
    assert (meta["doc_type"], meta["title"], meta["issuer"], meta["signer"], meta["signer_title"]) == CORPUS[name]


@pytest.mark.parametrize("form", FORMS)
def test_header_of_002(corpus_dir: Path, form) -> None:
    meta = corpus_meta(corpus_dir, "002_c556544764ad3087.txt", form)
    assert meta["doc_number"] == ""  # "Số       -KH/TU": the number was left blank
    assert (meta["place"], meta["issued_date"]) == ("Đồng Nai", "2026-01")
    assert meta["references"] == [
        "204-QĐ/TW", "11-KH/BCĐ", "57-NQ/TW", "185-QĐ/TW", "759/QĐ-TTg", "1662/NQ-UBTVQH15", "464-KH/TU",
        "365-KH/TU",  # printed as "365-" at a line end and "KH/TU" on the next line
        "312-QĐ/TU", "18-NQ/TW",
    ]


def test_002_with_its_subject_rejoined_on_one_line(corpus_dir: Path) -> None:
    raw = nfc((corpus_dir / "002_c556544764ad3087.txt").read_text(encoding="utf-8"))
    rejoined = raw.replace("Chuyển đổi số \n\ntrong các cơ quan", "Chuyển đổi số trong các cơ quan", 1)
    assert rejoined != raw
    assert extract_metadata(rejoined)["title"] == CORPUS["002_c556544764ad3087.txt"][1]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_90c218f1079af509.txt", ["54-KH/TU", "57-NQ/TW", "204-QĐ/TW"]),
        ("001_ce564b243cd16df3.txt", ["04-NQ/TU", "39-HD/BTCTW", "179/2025/NĐ-CP"]),
        ("003_cd1a971a82c3f3b2.txt", ["57-NQ/TW", "29-KH/BTCTW", "01-CTr/BCĐ", "204-QĐ/TW", "63/2026/NĐ-CP"]),
        ("004_ac3b5f093c57f3b4.txt", ["204-QĐ/TW", "57-NQ/TW", "35-KH/TU"]),
    ],
)
def test_corpus_references_are_unique_and_in_order(corpus_dir: Path, name: str, expected: list[str]) -> None:
    refs = corpus_meta(corpus_dir, name, nfc)["references"]
    assert len(refs) == len(set(refs))
    assert [r for r in refs if r in expected] == expected


HEADERS = [
    pytest.param(
        "ĐẢNG BỘ TỈNH THANH HÓA\nĐẢNG ỦY XÃ QUẢNG PHÚ\n*\nSố 54-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Quảng Phú, ngày 04 tháng 6 năm 2026\n\nKẾ HOẠCH\nchuyển đổi số năm 2026\n\n"
        "Thực hiện Nghị quyết số 57-NQ/TW; Kế hoạch số 54-KH/ĐU được triển khai như sau:\n\nI. MỤC ĐÍCH\n",
        {"doc_number": "54-KH/ĐU", "issuer": "Đảng ủy xã Quảng Phú", "place": "Quảng Phú",
         "issued_date": "2026-06-04", "title": "Kế hoạch chuyển đổi số năm 2026", "references": ["57-NQ/TW"]},
        id="party-header-own-number-not-a-reference",
    ),
    pytest.param(
        "TỈNH ỦY LÂM ĐỒNG          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số: 13-KH/TU          Lâm Đồng, ngày 08 tháng 12 năm 2025\n\n"
        "KẾ HOẠCH TRIỂN KHAI THỰC HIỆN ĐỀ ÁN CHUYỂN ĐỔI SỐ CỦA UBND\n\nI. MỤC ĐÍCH\n",
        {"doc_number": "13-KH/TU", "issuer": "Tỉnh ủy Lâm Đồng", "place": "Lâm Đồng",
         "issued_date": "2025-12-08", "doc_type": "Kế hoạch",
         "title": "Kế hoạch triển khai thực hiện đề án chuyển đổi số của UBND"},
        id="two-column-header-all-caps-title",
    ),
    pytest.param(
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 179/2025/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nĐồng Nai, ngày 5 tháng 3 năm 2025\n\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch chuyển đổi số\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
        {"doc_number": "179/2025/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Đồng Nai", "place": "Đồng Nai",
         "issued_date": "2025-03-05", "doc_type": "Quyết định",
         "title": "Quyết định về việc ban hành Kế hoạch chuyển đổi số"},
        id="state-header-issuer-on-two-lines",
    ),
    pytest.param(
        "**BÁO CÁO** sơ kết 6 tháng thực hiện chuyển đổi số\n\nI. KẾT QUẢ\n",
        {"doc_type": "Báo cáo", "title": "Báo cáo sơ kết 6 tháng thực hiện chuyển đổi số", "issuer": "",
         "doc_number": "", "issued_date": ""},
        id="kind-and-subject-on-one-line",
    ),
    pytest.param(
        "KẾ HOẠCH\n\nThực hiện chỉ đạo của Ban Thường vụ, các cơ quan rà soát hạ tầng.\n\n"
        "Các chi bộ báo cáo kết quả hằng tháng.\n",
        {"doc_type": "Kế hoạch", "title": "Kế hoạch"},
        id="body-paragraph-is-not-a-subject",
    ),
    pytest.param(
        "Văn bản không có dòng tiêu đề.\n\nNội dung.\n",
        {"doc_type": "", "title": "", "signer": "", "signer_title": "", "references": []},
        id="no-kind-line",
    ),
    pytest.param(
        "KẾ HOẠCH\nsố hóa tài liệu\n\nNơi nhận:\n- Lưu VP.\n\nBÍ THƯ\n\nNguyễn Văn An\n",
        {"signer": "Nguyễn Văn An", "signer_title": "Bí thư"},
        id="signature-without-authority-line",
    ),
    pytest.param(
        "QUYẾT ĐỊNH\nvề chuyển đổi số\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTRẦN VĂN BÌNH\n",
        {"signer": "Trần Văn Bình", "signer_title": "Phó Chủ tịch"},
        id="state-signature-name-in-capitals",
    ),
    pytest.param(
        "ỦY BAN NHÂN DÂN XÃ VÂN NHẠN\nTỈNH BẮC TRÀ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 27/KH-UBND\n\n"
        "KẾ HOẠCH\nChăm sóc người cao tuổi\n",
        {"doc_number": "27/KH-UBND", "issuer": "Ủy ban nhân dân xã Vân Nhạn"},
        id="an-organ-naming-its-place-above-its-province",
    ),
    pytest.param(
        "UBND TỈNH ĐĂK NGUYÊN\nSỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 1468/KH-SNNMT\nĐăk Nguyên, ngày 22 tháng 10 năm 2026\n\nKẾ HOẠCH\nPhòng cháy rừng\n",
        {"doc_number": "1468/KH-SNNMT", "issuer": "Sở Nông nghiệp và Môi trường", "superior": "UBND tỉnh Đăk Nguyên"},
        id="a-department-name-wrapped-before-its-and",
    ),
    pytest.param(  # a Party department under its committee: the committee says whose it is
        "TỈNH ỦY LÂM ĐỒNG\nBAN TỔ CHỨC\n*\nSố 21-KH/BTCTU\nĐẢNG CỘNG SẢN VIỆT NAM\n\nKẾ HOẠCH\nChuyển đổi số\n",
        {"issuer": "Ban Tổ chức", "superior": "Tỉnh ủy Lâm Đồng"},
        id="a-party-department-under-its-committee",
    ),
    pytest.param(  # text extracted from a PDF with the header's two columns run together on each line
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH PHÚ LÂM Độc lập - Tự do - Hạnh phúc\n"
        "Số: 86/KH-UBND\nPhú Lâm, ngày 14 tháng 01 năm 2026\nKẾ HOẠCH\nPhòng cháy, chữa cháy rừng mùa khô năm 2026\n",
        {"doc_number": "86/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Phú Lâm", "superior": ""},
        id="header-columns-run-together",
    ),
    pytest.param(
        "UBND TỈNH HÀ NAM\nSỞ LAO ĐỘNG -\nTHƯƠNG BINH VÀ XÃ HỘI\nSố: 12/KH-SLĐTBXH\n\nKẾ HOẠCH\nĐào tạo nghề\n",
        {"doc_number": "12/KH-SLĐTBXH", "issuer": "Sở Lao động - Thương binh và Xã hội"},
        id="a-department-name-wrapped-after-its-dash",
    ),
    pytest.param(
        "UBND TỈNH HÒA NGUYÊN\nBAN CHỈ ĐẠO LIÊN NGÀNH\nVỀ AN TOÀN THỰC PHẨM\nSố: 08/KH-BCĐ\n\nKẾ HOẠCH\nTháng hành động\n",
        {"doc_number": "08/KH-BCĐ", "issuer": "Ban Chỉ đạo liên ngành về an toàn thực phẩm"},
        id="a-board-name-wrapped-before-what-it-is-about",
    ),
    pytest.param(  # a board's name over two lines with no joining word; the committee over it on two lines too
        "ỦY BAN NHÂN DÂN\nTỈNH VĨNH PHONG\nBAN CHỈ ĐẠO VẬN ĐỘNG\nHIẾN MÁU TÌNH NGUYỆN\n───────\nSố: 01/KH-BCĐ\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n───────────────\n"
        "Vĩnh Phong, ngày 08 tháng 01 năm 2026\nKẾ HOẠCH\nVận động hiến máu tình nguyện năm 2026\n───────\n"
        "Căn cứ Quyết định số 1203/QĐ-UBND ngày 15/8/2025;\n\nTRƯỞNG BAN\nPHÓ CHỦ TỊCH UBND TỈNH\n\n"
        "Trịnh Thị Minh Nguyệt\n",
        {"doc_number": "01/KH-BCĐ", "issuer": "Ban Chỉ đạo vận động hiến máu tình nguyện",
         "superior": "Ủy ban nhân dân tỉnh Vĩnh Phong", "title": "Kế hoạch vận động hiến máu tình nguyện năm 2026",
         "signer": "Trịnh Thị Minh Nguyệt", "signer_title": "Phó Chủ tịch UBND tỉnh"},
        id="a-board-name-wrapped-without-a-joining-word-and-a-drawn-rule-under-the-title",
    ),
    pytest.param(  # "XÃ HỘI" in a body's name is no commune
        "BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI\nTỈNH VĨNH PHONG\nSố: 152/KH-BHXH\n\nKẾ HOẠCH\nPhát triển người tham gia\n",
        {"doc_number": "152/KH-BHXH", "issuer": "Bảo hiểm xã hội tỉnh Vĩnh Phong"},
        id="social-insurance-is-no-commune",
    ),
    pytest.param(
        "Đăng nhập | Sơ đồ cổng | RSSThứ Sáu, ngày 14/03/2025\nCỔNG THÔNG TIN ĐIỆN TỬ XÃ TÂN LẠC\n"
        "ỦY BAN NHÂN DÂN\nXÃ TÂN LẠC\nSố: 47/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Tân Lạc, ngày 12 tháng 3 năm 2025\n\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2025\n",
        {"doc_number": "47/KH-UBND", "place": "Tân Lạc", "issued_date": "2025-03-12"},
        id="a-portals-day-of-the-week-above-the-header-is-no-place-and-date",
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADERS)
def test_general_rules(text: str, expected: dict) -> None:
    meta = extract_metadata(text)
    assert {key: meta[key] for key in expected} == expected


GRID_HEADER = """+-----------------------------------+-----------------------------------+
| UBND TỈNH BẮC TRÀ                 | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT  |
|                                   | NAM**                             |
| **SỞ Y TẾ**                        |                                   |
|                                   | **Độc lập - Tự do - Hạnh phúc**   |
+-----------------------------------+-----------------------------------+
| Số: 418/KH-SYT                    | *Bắc Trà, ngày 05 tháng 3 năm     |
|                                   | 2027*                             |
+-----------------------------------+-----------------------------------+

**KẾ HOẠCH**\\
**Bồi dưỡng kỹ năng số cho công chức cấp xã năm 2027**

*Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;*

Sở Y tế xây dựng Kế hoạch bồi dưỡng kỹ năng số cho công chức cấp xã năm 2027 như sau:
"""


def test_a_header_in_a_pandoc_grid_table_is_read_cell_by_cell() -> None:
    """Word exported to markdown lays the header out in a "+---+" grid whose cells wrap over lines (the bold of
    "CỘNG HÒA … VIỆT / NAM" too) and ends a line with "\\": each cell's lines read as the header's lines."""
    meta = extract_metadata(normalize_text(GRID_HEADER)[0])
    assert {k: meta[k] for k in ("doc_number", "issued_date", "issuer", "title")} == {
        "doc_number": "418/KH-SYT", "issued_date": "2027-03-05", "issuer": "Sở Y tế",
        "title": "Kế hoạch bồi dưỡng kỹ năng số cho công chức cấp xã năm 2027",
    }


def test_extractor_component_writes_document_metadata(corpus_dir: Path) -> None:
    text = nfc((corpus_dir / "004_ac3b5f093c57f3b4.txt").read_text(encoding="utf-8"))
    doc = Document(text=text, metadata={"source": "004_ac3b5f093c57f3b4.txt"})
    [out] = MetadataExtractor()([doc])
    assert out.metadata["source"] == "004_ac3b5f093c57f3b4.txt"
    assert out.metadata["title"] == CORPUS["004_ac3b5f093c57f3b4.txt"][1]
    assert set(out.metadata) >= {
        "title", "doc_type", "doc_number", "issuer", "place", "issued_date", "signer", "signer_title", "references"
    }


# corpus-ext: plans issued at other levels, in other conventions (headers laid out in "|" tables, wrapped
# lines, a decision carrying its plan, a resolution copied from a news page without header)
EXT = Path(__file__).resolve().parents[3] / "shared" / "corpus-ext"
# file -> doc_type, doc_number, issuer, issued_date, signer, signer_title, title
EXT_META = {
    "ext01.txt": ("Kế hoạch", "308/KH-UBND", "Ủy ban nhân dân thành phố Hà Nội", "2025-11-17", "Trương Việt Dũng",
                  "Phó Chủ tịch", "Kế hoạch triển khai thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ "
                  "ban hành Kế hoạch hành động của Chính phủ về thúc đẩy tạo lập dữ liệu phục vụ chuyển đổi số toàn diện"),
    "ext02.txt": ("Kế hoạch", "597/KH-UBND", "Ủy ban nhân dân tỉnh Đồng Tháp", "2025-11-27", "Nguyễn Thành Diệu",
                  "Phó Chủ tịch", "Kế hoạch chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng "
                  "giao thông trên địa bàn tỉnh Đồng Tháp"),
    "ext03.txt": ("Quyết định", "2820/QĐ-UBND", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "2025-11-19", "Nguyễn Lộc Hà",
                  "Phó Chủ tịch", "Quyết định ban hành Kế hoạch triển khai Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm "
                  "2025 của Thủ tướng Chính phủ và Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính"),
    "ext04.txt": ("Quyết định", "2623/QĐ-TTg", "Thủ tướng Chính phủ", "2025-11-29", "Phạm Minh Chính", "Thủ tướng",
                  "Quyết định ban hành Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân"),
    "ext05.txt": ("Kế hoạch", "3260-KH/ĐĐQH15", "Đảng đoàn Quốc hội", "2025-01-10", "Trần Thanh Mẫn", "Bí thư",
                  "Kế hoạch khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 Bộ Chính trị về đột phá phát triển "
                  "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
    "ext06.txt": ("Nghị quyết", "03/NQ-CP", "Chính phủ", "2025-01-09", "Nguyễn Hòa Bình", "Phó Thủ tướng",
                  "Nghị quyết ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 "
                  "tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và "
                  "chuyển đổi số quốc gia"),
    "ext07.txt": ("Kế hoạch", "144/KH-UBND", "Ủy ban nhân dân tỉnh Bắc Ninh", "2025-11-24", "Mai Sơn", "Phó Chủ tịch",
                  "Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030"),
    "ext08.txt": ("Kế hoạch", "182/KH-UBND", "Ủy ban nhân dân tỉnh Đồng Nai", "2025-11-20", "Lê Trường Sơn",
                  "Phó Chủ tịch", "Kế hoạch triển khai thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến "
                  "năm 2030 trên địa bàn tỉnh Đồng Nai"),
    "ext09.txt": ("Kế hoạch", "165/KH-UBND", "Ủy ban nhân dân thành phố Cần Thơ", "2025-11-21",
                  "Nguyễn Thị Ngọc Điệp", "Phó Chủ tịch", "Kế hoạch thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm "
                  "2024 của Thủ tướng Chính phủ về việc tăng cường thực hiện công tác dân số trong tình hình mới"),
    "ext10.txt": ("Quyết định", "2954/QĐ-UBND", "Ủy ban nhân dân tỉnh Sơn La", "2025-11-20", "Nguyễn Thành Công",
                  "Phó Chủ tịch", "Quyết định về việc ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai "
                  "đoạn 2026 - 2030"),
    "hi01.txt": ("Nghị quyết", "57-NQ/TW", "Bộ Chính trị", "2024-12-22", "Tô Lâm", "Tổng Bí thư",
                 "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
}
EXT_KEYS = ("doc_type", "doc_number", "issuer", "issued_date", "signer", "signer_title", "title")


@pytest.mark.parametrize("name", sorted(EXT_META))
def test_ext_metadata_exact(name: str) -> None:
    from ingest.normalize import normalize_text

    meta = extract_metadata(normalize_text((EXT / name).read_text(encoding="utf-8"))[0])
    assert tuple(meta[k] for k in EXT_KEYS) == EXT_META[name]


def test_a_two_column_header_and_a_markdown_title() -> None:
    from ingest.normalize import normalize_text

    two_columns = (Path(__file__).resolve().parents[1] / "fixtures" / "two_columns.txt").read_text(encoding="utf-8")
    meta = extract_metadata(normalize_text(two_columns)[0])
    assert (meta["doc_number"], meta["issuer"], meta["issued_date"], meta["signer"]) == (
        "2317/QĐ-UBND", "Ủy ban nhân dân tỉnh Quảng Trị", "2025-10-14", "Phan Minh Khôi")
    markdown = ("UBND TỈNH AN GIANG\n**SỞ GIÁO DỤC VÀ ĐÀO TẠO**\nSố: 1126/KH-SGDĐT\n\n# KẾ HOẠCH\n\n"
                "## Phòng, chống đuối nước cho học sinh năm 2026\n\nCăn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;\n\n"
                "Sở Giáo dục và Đào tạo ban hành Kế hoạch như sau:\n")
    meta = extract_metadata(normalize_text(markdown)[0])
    assert meta["title"] == "Kế hoạch phòng, chống đuối nước cho học sinh năm 2026"
    assert meta["issuer"] == "Sở Giáo dục và Đào tạo"  # as the document's sentences write it


def test_a_party_directive_headed_by_its_party_organisation() -> None:
    """Hướng dẫn 36: "ĐẢNG BỘ TỈNH …" above "TỈNH ỦY" names the committee's place, and the subject line "về …"
    goes on after "CỦA BAN THƯỜNG VỤ TỈNH ỦY" in capitals."""
    from ingest.normalize import normalize_text

    raw = ("ĐẢNG BỘ TỈNH BÌNH SƠN\nTỈNH ỦY\n*\nSố 27-CT/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
           "Bình Sơn, ngày 12 tháng 3 năm 2026\n\nCHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\n"
           "về tăng cường sự lãnh đạo của các cấp ủy đảng đối với công tác\n"
           "phòng, chống đuối nước trẻ em giai đoạn 2026 - 2030\n-----\n\n"
           "Thực hiện Luật Trẻ em, Ban Thường vụ Tỉnh ủy yêu cầu:\n")
    meta = extract_metadata(normalize_text(raw)[0])
    assert (meta["doc_type"], meta["doc_number"], meta["issuer"]) == ("Chỉ thị", "27-CT/TU", "Tỉnh ủy Bình Sơn")
    assert meta["title"] == ("Chỉ thị của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của các cấp ủy đảng đối với "
                             "công tác phòng, chống đuối nước trẻ em giai đoạn 2026 - 2030")


def test_a_header_and_a_signature_laid_out_in_pipes_without_borders() -> None:
    """'ỦY BAN … | CỘNG HÒA …' and 'Nơi nhận: | KT. GIÁM ĐỐC' typed as a table without its outer '|'; the preamble
    right under the title is not the title's."""
    raw = ("ỦY BAN NHÂN DÂN TỈNH ĐOÀI GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG | Độc lập - Tự do - Hạnh phúc\n"
           "Số: 412/KH-SNNMT | Đoài Giang, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
           "Cung cấp nước sạch nông thôn giai đoạn 2026 - 2028\nCăn cứ Nghị định số 117/2007/NĐ-CP;\n\n"
           "I. MỤC ĐÍCH\nSở Nông nghiệp và Môi trường bảo đảm nước sạch.\n\n"
           "Nơi nhận: | KT. GIÁM ĐỐC\n- UBND tỉnh; | PHÓ GIÁM ĐỐC\n- Lưu: VT. | \n | Hà Quang Tuyển\n")
    meta = extract_metadata(normalize_text(raw)[0])
    assert {k: meta[k] for k in ("doc_number", "issuer", "issued_date", "title", "signer", "signer_title")} == {
        "doc_number": "412/KH-SNNMT", "issuer": "Sở Nông nghiệp và Môi trường", "issued_date": "2026-03-05",
        "title": "Kế hoạch cung cấp nước sạch nông thôn giai đoạn 2026 - 2028", "signer": "Hà Quang Tuyển",
        "signer_title": "Phó Giám đốc"}


def test_a_deck_dated_on_its_cover_is_dated_by_its_header() -> None:
    """A plan presented as slides: the cover dates the meeting it is shown at; the date beside the plan's number
    (its header, Nghị định 30) dates the plan. A date above the number with none after it stays the date."""
    deck = ("HỘI NGHỊ TRIỂN KHAI\nCÔNG TÁC TUYỂN QUÂN NĂM 2027\nPhú Thạnh Đông, ngày 15 tháng 10 năm 2026\n\n"
            "ỦY BAN NHÂN DÂN\nXÃ PHÚ THẠNH ĐÔNG\nSố: 214/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nPhú Thạnh Đông, ngày 12 tháng 10 năm 2026\nKẾ HOẠCH\n"
            "Tuyển chọn và gọi công dân nhập ngũ năm 2027\n")
    meta = extract_metadata(deck)
    assert (meta["issued_date"], meta["doc_number"], meta["place"]) == ("2026-10-12", "214/KH-UBND", "Phú Thạnh Đông")
    right_first = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Hà, ngày 02 tháng 3 năm 2026\n"
                   "ỦY BAN NHÂN DÂN TỈNH AN HÀ\nSố: 14/KH-UBND\nKẾ HOẠCH\nPhòng, chống dịch bệnh năm 2026\n")
    assert extract_metadata(right_first)["issued_date"] == "2026-03-02"


def test_a_certified_copy_is_signed_by_the_plans_signer() -> None:
    """A plan received as a "bản sao y": the copy's block after the plan ("SỞ Y TẾ" / "Số: 12/SY-SYT" / "SAO Y" / …
    / its own signer) is no signature of the plan: its signer, number and date are the plan's own."""
    text = (Path(__file__).parents[1] / "fixtures" / "certified_copy_plan.txt").read_text(encoding="utf-8")
    meta = extract_metadata(normalize_text(text)[0])
    assert (meta["doc_number"], meta["issued_date"], meta["signer"], meta["signer_title"]) == \
        ("45/KH-UBND", "2026-03-05", "Trần Văn Bình", "Phó Chủ tịch")


def test_a_sentence_announcing_what_follows_is_no_part_of_the_title() -> None:
    """A plan with no preamble: the title's line, then "Các nhiệm vụ … tại bảng sau:" opening the body."""
    text = ("ĐẢNG ỦY XÃ TÂN HÒA\nSố: 12-KH/ĐU\nKẾ HOẠCH\nChuyển đổi số trong các cơ quan đảng xã Tân Hòa năm 2026\n"
            "Các nhiệm vụ được phân công tại bảng sau:\n1\tRà soát hạ tầng mạng\tVăn phòng Đảng ủy\tQuý II/2026\n")
    assert extract_metadata(text)["title"] == "Kế hoạch chuyển đổi số trong các cơ quan đảng xã Tân Hòa năm 2026"


def test_a_covering_letter_and_the_plan_it_sends_are_one_file_read_as_the_plan() -> None:
    """A department's letter ("V/v triển khai Kế hoạch …", "sao gửi Kế hoạch số 37/KH-UBND …") followed by the plan
    it sends: the plan is kept (its number is the one the letter cites, so it is no next entry of a gazette), its
    header, title and signer are the document's, the letter's number a reference; the plan's header is no part of
    the letter's "Nơi nhận"."""
    from ingest.structure import parse_structure

    raw = (Path(__file__).resolve().parents[1] / "fixtures" / "covering_letter.txt").read_text(encoding="utf-8")
    text = normalize_text(raw)[0]
    assert "Sở Nội vụ chủ trì, phối hợp với Sở Khoa học và Công nghệ tổ chức 12 lớp bồi dưỡng" in text
    meta = extract_metadata(text)
    assert (meta["title"], meta["doc_number"], meta["issuer"], meta["issued_date"], meta["signer"]) == (
        "Kế hoạch bồi dưỡng kỹ năng số cho cán bộ, công chức năm 2026", "37/KH-UBND", "Ủy ban nhân dân tỉnh Hòa Lâm",
        "2026-02-20", "Lê Văn Thành")
    assert "412/SNV-CCVC" in meta["references"]
    sections = {text[b["start"]:b["end"]]: b["section"] for b in parse_structure(text)}
    assert sections["Số: 37/KH-UBND"] == "" and sections["- Lưu: VT, CCVC."] == "Nơi nhận"


def test_a_gazettes_next_entry_is_still_another_document() -> None:
    """Two decisions printed one after the other (a gazette): the second, citing none of the first, is cut off."""
    first = ("ỦY BAN NHÂN DÂN\nTỈNH HÒA LÂM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 15/QĐ-UBND\nHòa Lâm, ngày 05 tháng 3 năm 2026\nQUYẾT ĐỊNH\nVề việc công nhận xã đạt chuẩn\n"
             "Điều 1. Công nhận xã Tân Hòa đạt chuẩn nông thôn mới.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n"
             "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n")
    second = first.replace("15/QĐ-UBND", "16/QĐ-UBND").replace("xã Tân Hòa", "xã Phú Lộc")
    text = normalize_text(first + "\n" + second)[0]
    assert "xã Tân Hòa" in text and "xã Phú Lộc" not in text
