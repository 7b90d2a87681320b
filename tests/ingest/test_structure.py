"""Stage 5 — structure: section paths, list items and tables of the real corpus files."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from llama_index.core import Document

from assistant.text import fold_accents
from assistant.vocab.fields import GROUP, OUTER_GROUP
from ingest.facts import extract_tasks
from ingest.model import META_BLOCKS, Block
from ingest.normalize import normalize_text
from ingest.structure import STT, StructureParser, column_roles, parse_structure, render_cells

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILES = sorted(p.name[:3] for p in CORPUS.glob("0*.txt"))  # "000" … "004"


@cache
def text_of(name: str) -> str:
    return normalize_text(next(CORPUS.glob(f"{name}*.txt")).read_text(encoding="utf-8"))[0]


@cache
def blocks_of(name: str) -> list[Block]:
    return parse_structure(text_of(name))


def block_at(name: str, prefix: str) -> Block:
    text = text_of(name)
    found = [b for b in blocks_of(name) if text[b["start"] : b["end"]].startswith(prefix)]
    assert len(found) == 1, (prefix, len(found))
    return found[0]


def cells(block: Block) -> dict[str, str]:
    assert block["cells"] is not None
    return block["cells"]


def rows(name: str, section_suffix: str = "") -> list[Block]:
    return [b for b in blocks_of(name) if b["kind"] == "table_row" and b["section"].endswith(section_suffix)]


@pytest.mark.parametrize(
    ("name", "prefix", "kind", "section"),
    [
        ("000", "- Chủ trì tham mưu bảo đảm hạ tầng kỹ thuật", "list_item", "VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy"),
        ("000", "- Bảo đảm 100% cán bộ, công chức ngành", "list_item",
         "III. MỤC TIÊU > 2. Mục tiêu cụ thể năm 2026 > 2.2. Về hạ tầng số, thiết bị, đường truyền, chữ ký số và an "
         "toàn thông tin"),
        ("000", "1. Phạm vi triển khai:", "list_item", "II. PHẠM VI, ĐỐI TƯỢNG"),
        ("000", "Phối hợp tham gia thẩm định kinh phí", "paragraph", "VI. TỔ CHỨC THỰC HIỆN > 3. Ủy ban nhân dân xã"),
        ("000", "KẾ HOẠCH", "paragraph", ""),
        ("000", "- Ban Tổ chức Tỉnh ủy (báo cáo)", "list_item", "Nơi nhận"),
        ("000", "Nguyễn Ngọc Thành", "paragraph", "Nơi nhận"),
        # the closing paragraph belongs to the part, not to the numbered unit above it
        ("000", "Trong quá trình thực hiện, nếu phát sinh khó khăn", "paragraph", "VI. TỔ CHỨC THỰC HIỆN"),
        ("001", "Trong quá trình tổ chức thực hiện, các cơ quan", "paragraph", "IV. TỔ CHỨC THỰC HIỆN"),
        ("001", "+ 70% các vụ việc, khiếu nại", "list_item", "II. MỤC TIÊU > 2. Mục tiêu cụ thể > 2.3. Đối với dữ liệu số"),
        ("001", "- Văn phòng Đảng ủy: Tham mưu", "list_item", "PHỤ LỤC > II. PHÂN CÔNG TRÁCH NHIỆM CHUNG"),
        ("002", "- Nâng cấp Trung tâm tích hợp dữ liệu của cơ quan đảng tỉnh đặt tại Văn phòng Tỉnh ủy với", "list_item",
         "III- NHIỆM VỤ > 2. Các nhiệm vụ chủ yếu > 2.2- Phát triển hạ tầng số"),
        ("002", "- Kết nối mạng thông tin diện rộng", "list_item",
         "II- MỤC TIÊU > 2. Mục tiêu cụ thể > 2.1. Đối với hạ tầng số > b) Năm 2026"),
        ("002", "Kiện toàn tổ chức bộ máy và nguồn nhân lực chuyển đổi số của các cơ", "paragraph",
         "II- MỤC TIÊU > 2. Mục tiêu cụ thể > 2.5. Tổ chức bộ máy và phát triển nguồn nhân lực"),
        ("002", "- Định kỳ hằng tháng tổng hợp, báo cáo", "list_item",
         "IV- TỔ CHỨC THỰC HIỆN > 2. Tổ Giúp việc Ban Chỉ đạo"),
        ("002", "1.2. Thực hiện công tác tuyên truyền", "list_item", "III- NHIỆM VỤ > 1. Nhiệm vụ tuyên truyền"),
        ("002", "- Các đ/c UV BCH Đảng bộ tỉnh", "list_item", "Nơi nhận"),
        ("003", "Đề nghị Văn phòng Tỉnh ủy phối hợp", "paragraph", "IX. TỔ CHỨC THỰC HIỆN > 2. Văn phòng Tỉnh ủy"),
        ("003", "- Thiết lập dashboard", "list_item", "VI. CƠ CHẾ THEO DÕI, ĐÁNH GIÁ, BÁO CÁO"),  # the second "VI."
        ("003", "Thực hiện theo lộ trình của Ban Tổ chức Trung ương, trước mắt tập trung vào một số nội dung trọng "
         "tâm như sau:", "paragraph", "PHỤ LỤC 1 > LỘ TRÌNH TRIỂN KHAI THỰC HIỆN NĂM 2026 VÀ GIAI ĐOẠN 2027 - 2030"),
        ("004", "1. 100% cán bộ, công chức", "list_item", "II. NHIỆM VỤ TRỌNG TÂM NĂM 2026"),
        ("004", "10. Hoàn thành số hoá tài liệu", "list_item", "II. NHIỆM VỤ TRỌNG TÂM NĂM 2026"),
        ("004", "+ Thu, nộp đảng phí trực tuyến.", "list_item",
         "III. HIỆM VỤ, GIẢI PHÁP TRỌNG TÂM > 4. Phát triển nền tảng số, ứng dụng số"),
    ],
)
def test_section_path_of_passages(name: str, prefix: str, kind: str, section: str) -> None:
    block = block_at(name, prefix)
    assert (block["kind"], block["section"]) == (kind, section)


@pytest.mark.parametrize(
    ("name", "heading", "level"),
    [
        ("000", "IV. NHIỆM VỤ, GIẢI PHÁP", 1),
        ("000", "4. Văn phòng Đảng ủy", 2),
        ("000", "2.2. Về hạ tầng số, thiết bị, đường truyền, chữ ký số và an toàn thông tin", 3),
        ("002", "d) Năm 2028", 4),
        ("002", "2.5- Bảo đảm an toàn, an ninh thông tin", 3),
        ("002", "7. Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh, Trường Chính trị tỉnh", 2),
        ("001", "PHỤ LỤC", 1),
        ("001", "Phân công nhiệm vụ thực hiện chuyển đổi số năm 2026", 2),  # title of the annex
        ("001", "2. Quý II (04 - 06/2026)", 3),  # headings inside an annex sit one level lower
        ("003", "PHỤ LỤC 2", 1),
        ("003", "IX. TỔ CHỨC THỰC HIỆN", 1),
    ],
)
def test_heading_levels(name: str, heading: str, level: int) -> None:
    block = block_at(name, heading)
    assert (block["kind"], block["level"]) == ("heading", level)
    assert block["section"].split(" > ")[-1].startswith(heading)


@pytest.mark.parametrize("name", FILES)
def test_recipients_section_exists(name: str) -> None:
    headings = [b for b in blocks_of(name) if b["kind"] == "heading" and b["level"] == 1]
    recipients = [b for b in headings if fold_accents(b["section"]).lower() == "noi nhan"]
    assert len(recipients) == 1  # 001 spells it "Nơi nhân:"
    after = [b for b in blocks_of(name) if b["start"] > recipients[0]["start"] and b["kind"] == "list_item"]
    assert after and fold_accents(after[0]["section"]).lower() == "noi nhan"


@pytest.mark.parametrize("name", FILES)
def test_blocks_are_exact_ordered_lines(name: str) -> None:
    text = text_of(name)
    previous_end = -1
    for b in blocks_of(name):
        piece = text[b["start"] : b["end"]]
        assert piece and "\n" not in piece and piece == piece.strip(" ")
        assert b["start"] > previous_end
        previous_end = b["end"]
        assert (b["cells"] is not None) == (b["kind"] in ("table_row", "table_header"))


def test_000_table_rows_with_their_columns_and_repeated_header() -> None:
    table = rows("000")
    assert [cells(r)[STT] for r in table] == [str(i) for i in range(1, 9)]
    assert all(r["section"] == "V. LỘ TRÌNH TRIỂN KHAI" for r in table)
    fifth = cells(table[4])
    assert list(fifth) == [STT, "Nội dung công việc", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"]
    assert fifth["Đơn vị chủ trì"] == "Văn phòng Đảng ủy"
    assert fifth["Thời gian thực hiện"] == "Quý III/2026"
    assert fifth["Đơn vị phối hợp"] == "Ban Xây dựng Đảng, đơn vị có liên quan"
    headers = [b for b in blocks_of("000") if b["kind"] == "table_header"]
    assert len(headers) == 2  # the header repeated after the page break is a header again, not row "STT"


def test_001_annex_rows_per_quarter() -> None:
    assert len(rows("001")) == 17
    q2 = rows("001", "2. Quý II (04 - 06/2026)")
    assert [cells(r)[STT] for r in q2] == ["1", "2", "3", "4"]
    assert cells(q2[2])["Sản phẩm/Chỉ tiêu"] == "Hồ sơ trực tuyến ≥ 50%"
    assert cells(q2[2])["Phối hợp"] == "Tổ CNSCĐ"  # Quý II names its column "Phối hợp"
    assert q2[2]["section"] == "PHỤ LỤC > Phân công nhiệm vụ thực hiện chuyển đổi số năm 2026 > 2. Quý II (04 - 06/2026)"
    q4 = rows("001", "4. Quý IV (10-12/2026)")
    assert cells(q4[0])["Sản phẩm/Chỉ tiêu"] == "≥70% tài liệu không mật"
    assert cells(q4[0])["Chủ trì"] == "VP Đảng ủy"


def test_003_group_rows_fill_the_first_column() -> None:
    annex2 = rows("003", "PHỤ LỤC 2 > BẢNG PHÂN CÔNG NHIỆM VỤ")
    assert len(annex2) == 44
    by_unit: dict[str, int] = {}
    for r in annex2:
        by_unit[cells(r)["Tên đơn vị chủ trì"]] = by_unit.get(cells(r)["Tên đơn vị chủ trì"], 0) + 1
    assert by_unit == {
        "Tổ 57 của cơ quan": 6, "Văn phòng": 10, "Phòng Tổ chức – Cán bộ": 9, "Phòng Tổ chức Đảng – Đảng viên": 6,
        "Phòng Bảo vệ chính trị nội bộ": 6, "Tổ kiêm nhiệm thực hiện bảo vệ BMNN cơ quan": 5,
        "Ban xây dựng đảng (ban tổ chức) các đảng ủy trực thuộc Tỉnh ủy": 2,
    }
    text = text_of("003")
    seventh = next(r for r in annex2 if text[r["start"] : r["end"]].startswith("7\tLàm đầu mối tiếp nhận"))
    assert cells(seventh)["Tên đơn vị chủ trì"] == "Văn phòng"  # across the repeated header
    assert cells(seventh)[STT] == "7"
    checked = next(r for r in annex2 if "thiết bị mật mã" in cells(r)["Nội dung tham mưu"])
    assert cells(checked)["Thời gian hoàn thành"] == "Thường xuyên"
    assert render_cells(cells(checked)).startswith(
        "Tên đơn vị chủ trì: Tổ kiêm nhiệm thực hiện bảo vệ BMNN cơ quan · Nội dung tham mưu: Kiểm tra việc quản lý"
    )
    assert not [r for r in annex2 if cells(r).get("Tên đơn vị chủ trì") == "Tên đơn vị chủ trì"]


def test_003_annex1_rows_without_stt() -> None:
    annex1 = rows("003", "PHỤ LỤC 1 > LỘ TRÌNH TRIỂN KHAI THỰC HIỆN NĂM 2026 VÀ GIAI ĐOẠN 2027 - 2030")
    assert [cells(r)["Thời gian"] for r in annex1][:3] == ["Theo Đề án 204", "Quý III năm 2026", "Quý III năm 2026"]
    assert cells(annex1[2])["Mục tiêu"] == "Ứng dụng AI vào công việc"
    assert STT not in cells(annex1[0])


@pytest.mark.parametrize(("name", "count"), [("000", 8), ("001", 17), ("002", 0), ("003", 52), ("004", 0)])
def test_table_row_counts(name: str, count: int) -> None:
    assert len(rows(name)) == count


def test_markdown_pipe_table_and_group_in_stt_table() -> None:
    text = (
        "I. LỘ TRÌNH\n\n| STT | Nội dung | Đơn vị chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Rà soát hạ tầng | UBND xã | Quý I/2026 |\n\nSTT\tNội dung\tThời gian\nNhóm hạ tầng\t\t\n1\tMua máy\tQuý II"
    )
    blocks = parse_structure(text)
    table_rows = [b for b in blocks if b["kind"] == "table_row"]
    assert table_rows[0]["cells"] == {
        STT: "1", "Nội dung": "Rà soát hạ tầng", "Đơn vị chủ trì": "UBND xã", "Thời gian": "Quý I/2026"
    }
    assert table_rows[1]["cells"] == {"Nhóm": "Nhóm hạ tầng", STT: "1", "Nội dung": "Mua máy", "Thời gian": "Quý II"}
    assert all(b["section"] == "I. LỘ TRÌNH" for b in blocks if b["kind"] != "heading")


def test_group_within_a_group_closes_at_the_next_sibling_row() -> None:
    text = (
        "PHỤ LỤC\n\n| TT | Chỉ tiêu | Đơn vị | Kết quả |\n|---|---|---|---|\n| **I** | **Đến năm 2030** | | |\n"
        "| 10 | Quy mô kinh tế số | % GDP | 30 |\n| 11 | Chỉ tiêu về thủ tục hành chính | | |\n"
        "| 11.1 | Dịch vụ công trực tuyến | % | 80 |\n| 12 | Hồ sơ sức khỏe điện tử | % | 95 |\n"
        "| **II** | **Đến năm 2045** | | |\n| 13 | Quy mô kinh tế số | % GDP | 50 |"
    )
    blocks = parse_structure(normalize_text(text)[0])
    groups = [(b["cells"][STT], b["cells"].get("Nhóm")) for b in blocks if b["kind"] == "table_row"]
    assert groups == [("10", "Đến năm 2030"), ("11.1", "Chỉ tiêu về thủ tục hành chính"), ("12", "Đến năm 2030"),
                      ("13", "Đến năm 2045")]


def test_a_table_without_outer_pipes_and_its_total_row() -> None:
    """'STT | Tên công trình | …' typed without borders is a table; the total row belongs to no group."""
    text = ("PHỤ LỤC I\nDANH MỤC CÔNG TRÌNH\n\nSTT | Tên công trình | Công suất | Nguồn vốn\n"
            "I | Công trình xây dựng mới | |\n1 | Nhà máy nước Tà Lình | 2.500 | Xã hội hóa\n"
            " | Tổng cộng | 9.900 |")
    rows = [b["cells"] for b in parse_structure(normalize_text(text)[0]) if b["kind"] == "table_row"]
    assert rows == [
        {"Nhóm": "Công trình xây dựng mới", STT: "1", "Tên công trình": "Nhà máy nước Tà Lình", "Công suất": "2.500",
         "Nguồn vốn": "Xã hội hóa"},
        {"Tên công trình": "Tổng cộng", "Công suất": "9.900"},
    ]


def test_a_table_laid_out_with_spaces_goes_on_over_a_page_break() -> None:
    """`pdftotext -layout`: names centred over their columns, cells wrapped in their own column, a group row, and
    the rows after a page break (page number, running foot) still the table's; the note after it is not."""
    page1 = (
        "PHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n\n"
        "  STT           Nhiệm vụ                 Cơ quan chủ trì      Cơ quan phối hợp        Thời gian     Sản phẩm\n"
        "   1    Xây dựng bộ nhận diện du      Sở Văn hóa, Thể       Trung tâm Xúc tiến     Quý II/2026   Bộ nhận diện\n"
        "        lịch cộng đồng của tỉnh       thao và Du lịch       Du lịch                              được ban hành\n"
        "  II    Hạ tầng du lịch\n"
        "   2    Nâng cấp đường vào bản        Sở Xây dựng           UBND huyện Mù Cang     Quý IV/2027   12 km đường\n"
        "\n                                   - 3 -\n")
    page2 = ("   3    Lắp biển chỉ dẫn du lịch      Sở Văn hóa, Thể       UBND các xã            Quý I/2027    80 biển\n"
             "        tại các điểm                  thao và Du lịch\n\n"
             "Ghi chú: các nhiệm vụ thực hiện theo quy định hiện hành, trừ trường hợp có văn bản khác.\n")
    text = normalize_text(page1 + "\f" + page2)[0]
    rows = [b["cells"] for b in parse_structure(text) if b["kind"] == "table_row"]
    assert [(r.get(STT), r["Nhiệm vụ"], r["Cơ quan chủ trì"], r.get("Nhóm", "")) for r in rows] == [
        ("1", "Xây dựng bộ nhận diện du lịch cộng đồng của tỉnh", "Sở Văn hóa, Thể thao và Du lịch", ""),
        ("2", "Nâng cấp đường vào bản", "Sở Xây dựng", "Hạ tầng du lịch"),
        ("3", "Lắp biển chỉ dẫn du lịch tại các điểm", "Sở Văn hóa, Thể thao và Du lịch", "Hạ tầng du lịch"),
    ]
    assert rows[0]["Sản phẩm"] == "Bộ nhận diện được ban hành"
    assert "Ghi chú: các nhiệm vụ" in text and "| Ghi chú" not in text


def test_a_spaced_tables_names_wrapped_over_two_lines() -> None:
    """"Cơ quan" / "chủ trì" centred over one column make one name; cells wrapped over three lines stay in theirs."""
    text = normalize_text(
        "DANH MỤC\n\n STT        Nhiệm vụ              Cơ quan          Cơ quan         Thời gian     Sản phẩm\n"
        "                                   chủ trì          phối hợp        hoàn thành\n"
        "  1    Xây dựng bộ nhận diện    Sở Văn hóa,      Trung tâm       Quý II/2026   Bộ nhận diện\n"
        "       du lịch của tỉnh         Thể thao và      Xúc tiến\n"
        "                                Du lịch          Du lịch\n"
        "  2    Đào tạo 500 hộ           UBND huyện       Hội Nông dân    2027          500 hộ\n")[0]
    rows = [b["cells"] for b in parse_structure(text) if b["kind"] == "table_row"]
    assert rows[0] == {STT: "1", "Nhiệm vụ": "Xây dựng bộ nhận diện du lịch của tỉnh",
                       "Cơ quan chủ trì": "Sở Văn hóa, Thể thao và Du lịch", "Cơ quan phối hợp": "Trung tâm Xúc tiến Du lịch",
                       "Thời gian hoàn thành": "Quý II/2026", "Sản phẩm": "Bộ nhận diện"}
    assert rows[1]["Cơ quan phối hợp"] == "Hội Nông dân"


def test_a_table_copied_one_cell_per_line() -> None:
    """A word processor's table pasted as plain text: the names one per line, then each row's number and cells; a
    cell in two paragraphs stays in its row; figures that look like row numbers stay cells."""
    text = normalize_text(
        "Bảng 2. Phân công nhiệm vụ\n\nSTT\nNội dung\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời gian\n"
        "1\nKiểm tra an toàn PCCC tại 120 cơ sở\nCông an huyện\nPhòng Kinh tế và Hạ tầng\nQuý II/2027\n"
        "2\nTổ chức diễn tập chữa cháy\ntại chợ trung tâm\nUBND thị trấn\nCông an huyện\nTháng 9/2027\n"
        "3\nTuyên truyền trên Đài Truyền thanh\nTrung tâm Văn hóa - Thông tin\nUBND các xã\nHằng tháng\n\n"
        "Bảng 1. Chỉ tiêu theo quý\n\nSTT\nChỉ tiêu\nĐơn vị tính\nQuý I\nQuý II\nCả năm\n"
        "1\nSố buổi tuyên truyền\nbuổi\n2\n3\n5\n2\nSố cơ sở được kiểm tra\ncơ sở\n30\n40\n70\n\n"
        "Các đơn vị triển khai thực hiện.")[0]
    rows = [b["cells"] for b in parse_structure(text) if b["kind"] == "table_row"]
    assert [(r[STT], r.get("Nội dung") or r.get("Chỉ tiêu"), r.get("Đơn vị chủ trì") or r.get("Cả năm")) for r in rows] == [
        ("1", "Kiểm tra an toàn PCCC tại 120 cơ sở", "Công an huyện"),
        ("2", "Tổ chức diễn tập chữa cháy tại chợ trung tâm", "UBND thị trấn"),
        ("3", "Tuyên truyền trên Đài Truyền thanh", "Trung tâm Văn hóa - Thông tin"),
        ("1", "Số buổi tuyên truyền", "5"),
        ("2", "Số cơ sở được kiểm tra", "70"),
    ]
    assert rows[1]["Thời gian"] == "Tháng 9/2027"
    # a cell left empty and not copied leaves "Đơn vị phối hợp" empty; the last row runs on to the blank line
    short = normalize_text("STT\nNội dung\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời gian\n1\nKiểm tra 120 cơ sở\n"
                           "Công an huyện\nQuý II/2027\n2\nDiễn tập chữa cháy\ntại chợ\nUBND thị trấn\nCông an huyện\n"
                           "Tháng 9/2027\n\nHết.")[0]
    rows = [b["cells"] for b in parse_structure(short) if b["kind"] == "table_row"]
    assert [(r.get("Đơn vị phối hợp", ""), r["Thời gian"], r["Nội dung"]) for r in rows] == [
        ("", "Quý II/2027", "Kiểm tra 120 cơ sở"), ("Công an huyện", "Tháng 9/2027", "Diễn tập chữa cháy tại chợ")]


def test_a_ruled_header_of_years_and_groups_over_named_rows() -> None:
    """A markdown header may name columns by bare years; "**A. Chỉ tiêu về thu gom**" alone in a row of a table with
    no STT column is the group of the rows under it, each keeping its own name."""
    text = normalize_text(
        "2.2. Chỉ tiêu cụ thể\n\n| Chỉ tiêu | Đơn vị tính | 2026 | 2027 | 2028 |\n|---|---|---|---|---|\n"
        "| **A. Chỉ tiêu về thu gom** |  |  |  |  |\n| Số điểm tập kết có mái che | điểm | 6 | 10 | 14 |\n"
        "| **B. Chỉ tiêu về phân loại** |  |  |  |  |\n| Tỷ lệ hộ gia đình phân loại tại nguồn | % | 40 | 65 | 90 |\n")[0]
    rows = [b["cells"] for b in parse_structure(text) if b["kind"] == "table_row"]
    assert rows == [
        {"Nhóm": "Chỉ tiêu về thu gom", "Chỉ tiêu": "Số điểm tập kết có mái che", "Đơn vị tính": "điểm", "2026": "6",
         "2027": "10", "2028": "14"},
        {"Nhóm": "Chỉ tiêu về phân loại", "Chỉ tiêu": "Tỷ lệ hộ gia đình phân loại tại nguồn", "Đơn vị tính": "%",
         "2026": "40", "2027": "65", "2028": "90"},
    ]


def test_a_part_titled_on_the_line_under_its_number() -> None:
    text = ("Phần I\nTHỰC TRẠNG, MỤC ĐÍCH VÀ MỤC TIÊU\n1. Mục đích\n- Việc một.\nPHẦN B\nKINH PHÍ\n- Việc hai.\n"
            "Phần thứ ba\nTổ chức thực hiện\n- Việc ba.")
    headings = [b["section"] for b in parse_structure(normalize_text(text)[0]) if b["kind"] == "heading"]
    assert headings == ["Phần I THỰC TRẠNG, MỤC ĐÍCH VÀ MỤC TIÊU",
                        "Phần I THỰC TRẠNG, MỤC ĐÍCH VÀ MỤC TIÊU > 1. Mục đích", "PHẦN B KINH PHÍ",
                        "Phần thứ ba Tổ chức thực hiện"]


def test_lettered_heading_under_arabic_and_reset_by_roman() -> None:
    text = "I. MỤC TIÊU\n1. Năm đầu\na) Quý I\n- Việc một.\nII. NHIỆM VỤ\n- Việc hai.\nNơi nhận:\n- Lưu VT."
    sections = [(b["kind"], b["section"], b["level"]) for b in parse_structure(text)]
    assert sections == [
        ("heading", "I. MỤC TIÊU", 1),
        ("heading", "I. MỤC TIÊU > 1. Năm đầu", 2),
        ("heading", "I. MỤC TIÊU > 1. Năm đầu > a) Quý I", 3),
        ("list_item", "I. MỤC TIÊU > 1. Năm đầu > a) Quý I", 3),
        ("heading", "II. NHIỆM VỤ", 1),
        ("list_item", "II. NHIỆM VỤ", 1),
        ("heading", "Nơi nhận", 1),
        ("list_item", "Nơi nhận", 1),
    ]


def test_closing_paragraph_closes_the_numbered_item_above_it() -> None:
    text = ("KẾ HOẠCH\nCăn cứ Luật.\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\n- Bố trí kinh phí.\n"
            "- Trong quá trình thực hiện dự án, báo cáo tiến độ.\n"
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo Ủy ban nhân dân tỉnh.\n"
            "Trên đây là Kế hoạch của tỉnh.")
    text_of_block = {text[b["start"]:b["end"]][:12]: b["section"] for b in parse_structure(text)}
    assert text_of_block["- Trong quá "] == "III. TỔ CHỨC THỰC HIỆN > 1. Sở Tài chính"  # a duty of the unit
    assert text_of_block["Trong quá tr"] == "III. TỔ CHỨC THỰC HIỆN"
    assert text_of_block["Trên đây là "] == "III. TỔ CHỨC THỰC HIỆN"


def test_structure_parser_component() -> None:
    doc = Document(text=text_of("004"), id_="d4")
    (out,) = StructureParser()([doc])
    assert out.metadata[META_BLOCKS] == blocks_of("004")


@pytest.mark.parametrize(("columns", "product"), [
    (["Thời gian", "Mục tiêu", "Nội dung trọng tâm", "Sản phẩm chính"], "Sản phẩm chính"),
    (["Nội dung", "Chỉ tiêu", "Kết quả dự kiến"], "Kết quả dự kiến"),
    (["Nội dung", "Mục tiêu", "Thời gian"], "Mục tiêu"),
])
def test_the_product_column_is_the_one_that_names_it(columns: list[str], product: str) -> None:
    assert column_roles(dict.fromkeys(columns, "x"))["product"] == product


def test_a_second_header_row_names_the_columns_under_a_merged_one() -> None:
    """"Thời gian thực hiện" spans two columns; the row under it names them "Bắt đầu" and "Hoàn thành"."""
    table = ("| TT | Dự án | Cơ quan chủ trì | Thời gian thực hiện | | Kinh phí (triệu đồng) |\n"
             "|---|---|---|---|---|---|\n"
             "| | | | Bắt đầu | Hoàn thành | |\n"
             "| 1 | Nhà máy phân bón hữu cơ | Sở Tài chính | 2026 | 2028 | 95.000 |\n")
    [row] = [b for b in parse_structure(table) if b["kind"] == "table_row"]
    assert row["cells"] == {"STT": "1", "Dự án": "Nhà máy phân bón hữu cơ", "Cơ quan chủ trì": "Sở Tài chính",
                            "Thời gian thực hiện - Bắt đầu": "2026", "Thời gian thực hiện - Hoàn thành": "2028",
                            "Kinh phí (triệu đồng)": "95.000"}


def test_a_header_merged_down_repeats_its_names_over_the_merged_across_parts() -> None:
    """A Word or web table whose header cells are merged down gives its names on both rows; the cell merged across,
    "Thời gian", is empty on the first and split into "Bắt đầu", "Hoàn thành" on the second; the task's time is when
    it must be done."""
    table = ("STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tThời gian\t\tKết quả dự kiến\n"
             "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tBắt đầu\tHoàn thành\tKết quả dự kiến\n"
             "1\tXây dựng 02 bến lấy nước cho xe chữa cháy\tPhòng Kinh tế\tQuý II/2027\tQuý III/2027\t02 bến\n")
    [row] = [b for b in parse_structure(table) if b["kind"] == "table_row"]
    assert row["cells"] == {"STT": "1", "Nội dung nhiệm vụ": "Xây dựng 02 bến lấy nước cho xe chữa cháy",
                            "Đơn vị chủ trì": "Phòng Kinh tế", "Thời gian - Bắt đầu": "Quý II/2027",
                            "Thời gian - Hoàn thành": "Quý III/2027", "Kết quả dự kiến": "02 bến"}
    [task] = extract_tasks(table, parse_structure(table))
    assert task["fields"]["timing"]["text"] == "Quý III/2027"


def test_a_first_row_led_by_stt_names_the_columns_whatever_they_are() -> None:
    """"STT | Tên xã | Số bể chứa hiện có …": no word of a task table, yet a row led by "STT" whose cells are no
    figures is the header, and each figure of a row travels under its column's name."""
    table = ("STT\tTên xã\tDiện tích canh tác tập trung (ha)\tSố bể chứa hiện có\tSố bể chứa xây mới đến năm 2027\n"
             "1\tXã Phước An\t1.240\t64\t60\n9\tXã Cát Tường\t2.130\t54\t159\n")
    rows = [b["cells"] for b in parse_structure(table) if b["kind"] == "table_row"]
    assert rows[1] == {"STT": "9", "Tên xã": "Xã Cát Tường", "Diện tích canh tác tập trung (ha)": "2.130",
                       "Số bể chứa hiện có": "54", "Số bể chứa xây mới đến năm 2027": "159"}


def test_a_first_row_of_words_over_a_row_of_figures_names_the_columns() -> None:
    """"Khu vực | Số xã, phường | … | Hình thức" over "Các phường trung tâm | 9 | …": no "STT", few words of a task
    table, yet words over figures are the columns' names; a row of words over a year, or a row holding a figure, is
    a row of data."""
    table = ("Khu vực\tSố xã, phường\tTổng đàn chó, mèo dự kiến (con)\tSố liều vắc xin phân bổ (liều)\tHình thức\n"
             "Các phường trung tâm\t9\t42.300\t34.000\tNgười nuôi tự chi trả\n"
             "Các xã vùng cao, biên giới\t18\t61.200\t52.000\tNgân sách cấp miễn phí\n")
    rows = [b["cells"] for b in parse_structure(table) if b["kind"] == "table_row"]
    assert rows[1] == {"Khu vực": "Các xã vùng cao, biên giới", "Số xã, phường": "18",
                       "Tổng đàn chó, mèo dự kiến (con)": "61.200", "Số liều vắc xin phân bổ (liều)": "52.000",
                       "Hình thức": "Ngân sách cấp miễn phí"}
    for data in ("Sở Y tế\tTuyên truyền phòng bệnh\tQuý II\nSở Tài chính\tBố trí kinh phí\t2026\n",
                 "Xã An Phú\t12 thôn\tHoàn thành\nXã Tân Lập\t9\tĐang làm\n"):
        assert [b["kind"] for b in parse_structure(data)] == ["table_row", "table_row"]


def test_a_first_row_led_by_stt_may_name_its_columns_by_year() -> None:
    """"STT | Huyện | 2026 | 2027 | Tổng": a bare year names a column in a row led by "STT", so each figure travels
    under its year."""
    table = "STT\tHuyện\t2026\t2027\tTổng\n1\tHuyện Lạc Khê\t30\t28\t58\n2\tHuyện Tân Hòa\t35\t33\t68\n"
    blocks = parse_structure(table)
    assert [b["kind"] for b in blocks] == ["table_header", "table_row", "table_row"]
    assert blocks[2]["cells"] == {"STT": "2", "Huyện": "Huyện Tân Hòa", "2026": "35", "2027": "33", "Tổng": "68"}


def test_a_table_ruled_with_plus_and_minus_is_read_row_by_row() -> None:
    """A grid table ("+---+", "+===+" under the header) whose cells wrap over several "|" lines; the markdown rule
    it becomes says which row names the columns, whatever the names are."""
    raw = ("+-----+-----------+-------------------+-------------+\n"
           "| STT | Tuyến     | Giải pháp chính   | Hoàn thành  |\n"
           "+=====+===========+===================+=============+\n"
           "| 1   | ĐT.608    | Nắn chỉnh đường   | Quý II/2027 |\n"
           "|     |           | cong, cắm biển    |             |\n"
           "+-----+-----------+-------------------+-------------+\n"
           "| 2   | ĐT.641    | Làn thoát nạn     | Quý III/2027|\n"
           "+-----+-----------+-------------------+-------------+\n")
    text, _ = normalize_text(raw)
    rows = [b for b in parse_structure(text) if b["kind"] == "table_row"]
    assert [b["cells"] for b in rows] == [
        {"STT": "1", "Tuyến": "ĐT.608", "Giải pháp chính": "Nắn chỉnh đường cong, cắm biển", "Hoàn thành": "Quý II/2027"},
        {"STT": "2", "Tuyến": "ĐT.641", "Giải pháp chính": "Làn thoát nạn", "Hoàn thành": "Quý III/2027"}]
    for b in rows:  # every cell's span is its text
        assert all(text[s:e] == b["cells"][name] for name, (s, e) in b["cell_spans"].items())


def test_a_numbered_sum_of_money_is_a_sentence_not_a_heading() -> None:
    """'1. Tổng kinh phí … là 21,05 tỷ đồng, trong đó:' states the total: it is text, its sources are items of it."""
    text = ("V. KINH PHÍ THỰC HIỆN\n1. Tổng kinh phí thực hiện Kế hoạch giai đoạn 2026 - 2027 là 21,05 tỷ đồng, "
            "trong đó:\n- Ngân sách tỉnh: 14,75 tỷ đồng;\n- Quỹ Bảo vệ và Phát triển rừng tỉnh: 6,30 tỷ đồng.\n"
            "2. Nguồn kinh phí khác\n- Xã hội hóa.")
    blocks = parse_structure(text)
    headings = [text[b["start"]:b["end"]] for b in blocks if b["kind"] == "heading"]
    assert headings == ["V. KINH PHÍ THỰC HIỆN", "2. Nguồn kinh phí khác"]
    items = [b for b in blocks if "tỷ đồng" in text[b["start"]:b["end"]]]
    assert [b["section"] for b in items] == ["V. KINH PHÍ THỰC HIỆN"] * 3  # the sources are not under the total


def test_items_titled_nhiem_vu_n_nest_their_numbered_parts() -> None:
    text = ("II. NHIỆM VỤ CỤ THỂ\nNhiệm vụ 1: Nạo vét kênh dẫn, ao hồ\n1. Mục tiêu\nNạo vét 42 tuyến kênh.\n"
            "Nhiệm vụ 2: Cấp nước sinh hoạt\nDự án 2 có tổng vốn 12 tỷ đồng.")
    blocks = parse_structure(text)
    headings = [(text[b["start"]:b["end"]], b["level"]) for b in blocks if b["kind"] == "heading"]
    assert [h for h, _ in headings] == ["II. NHIỆM VỤ CỤ THỂ", "Nhiệm vụ 1: Nạo vét kênh dẫn, ao hồ", "1. Mục tiêu",
                                        "Nhiệm vụ 2: Cấp nước sinh hoạt"]
    assert [lvl for _, lvl in headings] == [1, 2, 3, 2]
    sentence = next(b for b in blocks if text[b["start"]:b["end"]].startswith("Dự án 2"))
    assert sentence["kind"] == "paragraph" and sentence["section"].endswith("Nhiệm vụ 2: Cấp nước sinh hoạt")


_LOST_NUMBERING = (
    "UỶ BAN NHÂN DÂN TỈNH AN HÀ\nSỞ Y TẾ\nSố: 12/KH-SYT\n\nKẾ HOẠCH\nPhòng chống dịch năm 2027\n\n"
    "Căn cứ Luật Phòng, chống bệnh truyền nhiễm;\n\nMỤC TIÊU\n\nChỉ tiêu đến năm 2027\n\n"
    "Giảm 20% số ca mắc so với năm 2026.\n\nTỔ CHỨC THỰC HIỆN\n\nPhòng Nghiệp vụ Y\n\n"
    "• Chủ trì theo dõi tình hình dịch.\n\nChế độ báo cáo: các đơn vị báo cáo trước ngày 15 hằng tháng.\n\n"
    "Nơi nhận:\n- Như trên;\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Văn An\n\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n\n"
    "STT: 1\nNhiệm vụ: Giám sát ổ dịch\nCơ quan chủ trì: Trung tâm Kiểm soát bệnh tật\n")


def test_headings_of_a_body_that_lost_its_numbering() -> None:
    """Word's numbering lost on export, a web page copied as text: the short lines alone are the headings, capitals a
    level above; a field ("STT: 1"), the signer's name and the annex's records are not; "Chế độ báo cáo: …" names
    its part in the run of its text."""
    text = normalize_text(_LOST_NUMBERING)[0]
    headings = [(text[b["start"]:b["end"]], b["level"]) for b in parse_structure(text) if b["kind"] == "heading"]
    assert headings[:6] == [("MỤC TIÊU", 1), ("Chỉ tiêu đến năm 2027", 2), ("TỔ CHỨC THỰC HIỆN", 1),
                            ("Phòng Nghiệp vụ Y", 2), ("Chế độ báo cáo", 2), ("Nơi nhận:", 1)]
    assert [h for h, _ in headings[6:]] == ["PHỤ LỤC", "DANH MỤC NHIỆM VỤ"]
    target = next(b for b in parse_structure(text) if text[b["start"]:b["end"]].startswith("Giảm 20%"))
    assert target["section"] == "MỤC TIÊU > Chỉ tiêu đến năm 2027"


def test_numbered_headings_keep_short_lines_as_text() -> None:
    """Where headings are numbered, a short line alone is a paragraph, not a heading."""
    text = normalize_text("KẾ HOẠCH\nVề việc X\n\nCăn cứ Luật Y;\n\nI. MỤC TIÊU\n\nPhòng Nghiệp vụ Y\n\n"
                          "II. NHIỆM VỤ\n\n1. Tổ chức tập huấn\n\nNội dung ngắn\n")[0]
    headings = [text[b["start"]:b["end"]] for b in parse_structure(text) if b["kind"] == "heading"]
    assert "Phòng Nghiệp vụ Y" not in headings and "Nội dung ngắn" not in headings
    assert "I. MỤC TIÊU" in headings


def test_a_word_table_copied_with_tabs_keeps_its_group_rows_and_merged_leads() -> None:
    """Word copies a cell merged across the table without a tab ("Nhóm 1: Hạ tầng"), and a lead cell merged down the
    rows only in its first row: the rows keep their columns and group, and share the lead until the next group."""
    text = normalize_text(
        "PHỤ LỤC\nSTT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\nNhóm 1: Hạ tầng\n"
        "1\tRà soát phòng học\tPhòng Kế hoạch - Tài chính\tCác trường\tTháng 10/2026\n"
        "2\tĐầu tư 320 phòng học\t\tPhòng Giáo dục Trung học\tNăm 2026 - 2028\nNhóm 2: Đội ngũ\n"
        "3\tBồi dưỡng giáo viên\t\tTrường Cao đẳng Sư phạm\tHè năm 2027\n")[0]
    rows = [b["cells"] for b in parse_structure(text) if b["kind"] == "table_row"]
    assert [(r[STT], r["Nhóm"], r.get("Đơn vị chủ trì"), r["Thời gian"]) for r in rows] == [
        ("1", "Nhóm 1: Hạ tầng", "Phòng Kế hoạch - Tài chính", "Tháng 10/2026"),
        ("2", "Nhóm 1: Hạ tầng", "Phòng Kế hoạch - Tài chính", "Năm 2026 - 2028"),
        ("3", "Nhóm 2: Đội ngũ", None, "Hè năm 2027"),  # a group row ends the merge
    ]


def test_a_markdown_table_whose_cells_wrap_over_rows() -> None:
    """An export cutting long cells at a width puts each piece in a row of no number: the pieces join their row."""
    text = normalize_text(
        "| STT | Chỉ tiêu | Đơn vị tính | Năm 2027 | Bộ phận theo dõi |\n|---|---|---|---|---|\n"
        "| 1 | Tỷ lệ hộ dân sử dụng nước sinh hoạt | % | 98,0 | Công chức Nông nghiệp - |\n"
        "|   | hợp vệ sinh |   |   | Môi trường |\n"
        "| 2 | Số thôn có mô hình phân loại rác thải | thôn | 6 | Hội Liên hiệp Phụ nữ xã |\n"
        "|   | tại nguồn |   |   |   |\n|  | Tổng cộng | | 104 | |\n")[0]
    rows = [b["cells"] for b in parse_structure(text) if b["kind"] == "table_row"]
    assert [(r.get(STT), r["Chỉ tiêu"], r.get("Bộ phận theo dõi")) for r in rows] == [
        ("1", "Tỷ lệ hộ dân sử dụng nước sinh hoạt hợp vệ sinh", "Công chức Nông nghiệp - Môi trường"),
        ("2", "Số thôn có mô hình phân loại rác thải tại nguồn", "Hội Liên hiệp Phụ nữ xã"),
        (None, "Tổng cộng", None),  # a row of figures is a row of its own
    ]


def test_a_matrix_of_units_marks_who_leads_and_who_coordinates() -> None:
    """"| Nhiệm vụ | Phòng GD&ĐT | Công an huyện | …" with "C" (or "x") for the lead and "P" for co-units, markdown or
    tabbed: each row names them under "Chủ trì" and "Phối hợp"; a row of other values in those columns is left as
    it is."""
    header = ["STT", "Nhiệm vụ", "Phòng GD&ĐT", "Phòng VH-TT", "Công an huyện", "UBND các xã", "Thời gian"]
    body = [["1", "Kiểm tra an toàn trường học", "C", "P", "P", "", "Tháng 5/2024"],
            ["2", "Giám sát bể bơi", "p", "", "x", "P", "Hè 2024"], ["3", "Số trường", "12", "3", "1", "20", "2024"]]
    piped = "\n".join(["| " + " | ".join(header) + " |", "|---" * 7 + "|"] + ["| " + " | ".join(r) + " |"
                                                                          for r in body[:2]])
    tabbed = "\n".join("\t".join(r) for r in [header, *body[:2]])
    for table in (piped, tabbed):
        text = normalize_text(f"PHỤ LỤC\n{table}\nGhi chú: C – chủ trì; P – phối hợp.\n")[0]
        rows = [b for b in parse_structure(text) if b["kind"] == "table_row"]
        assert [(r["cells"].get("Chủ trì"), r["cells"].get("Phối hợp")) for r in rows] == [
            ("Phòng GD&ĐT", "Phòng VH-TT; Công an huyện"), ("Công an huyện", "Phòng GD&ĐT; UBND các xã")]
        leads = [values(t)["lead"] for t in extract_tasks(text, parse_structure(text))]
        assert leads == ["Phòng GD&ĐT", "Công an huyện"]
    figures = "| STT | Chỉ tiêu | Phòng GD&ĐT | Phòng VH-TT |\n|---|---|---|---|\n| 1 | Số trường | 12 | 3 |"
    assert "Chủ trì" not in normalize_text(figures)[0]  # figures under the units' names mark no one


def values(task):  # type: ignore[no-untyped-def]
    return {role: f["text"] for role, f in task["fields"].items()}


def test_items_numbered_with_hyphens_as_party_documents_and_emails_write_them() -> None:
    """"1-", "a-" (or "a/"): a Party programme copied from an e-mail, hard-wrapped, items apart by blank lines."""
    text = ("IV- NHIỆM VỤ VÀ GIẢI PHÁP\n\n3- Bảo tồn và phát huy giá trị văn hóa truyền thống các dân tộc\n\n"
            "a- Kiểm kê, lập hồ sơ các di tích, lễ hội, nghề thủ công truyền thống\ntrên địa bàn, hoàn thành trước "
            "ngày 31/12/2026.\n\nb- Khôi phục và tổ chức định kỳ 03 lễ hội truyền thống gồm: Lễ cấp sắc\ncủa người "
            "Dao, Lễ hội Lồng tồng của người Tày.\n")
    normalized = normalize_text(text)[0]
    blocks = [(normalized[b["start"]:b["end"]][:14], b["section"]) for b in parse_structure(normalized)]
    assert blocks[-2:] == [
        ("a- Kiểm kê, lậ", "IV- NHIỆM VỤ VÀ GIẢI PHÁP > 3- Bảo tồn và phát huy giá trị văn hóa truyền thống các dân tộc"),
        ("b- Khôi phục v", "IV- NHIỆM VỤ VÀ GIẢI PHÁP > 3- Bảo tồn và phát huy giá trị văn hóa truyền thống các dân tộc"),
    ]



def test_a_table_of_levels_and_measures_has_its_first_row_for_names() -> None:
    """A web page's table of no STT column: "Biện pháp", "Mức độ", "Chế độ" name columns as "Nội dung" does."""
    table = ("Cấp dự báo\tMức độ nguy hiểm\tBiện pháp chủ yếu\tChế độ trực\n"
             "Cấp IV\tNguy hiểm\tCấm đốt thực bì, đốt nương rẫy\tTrực 24/24 giờ\n"
             "Cấp V\tCực kỳ nguy hiểm\tCấm mọi hoạt động dùng lửa trong rừng\tTrực 24/24 giờ\n")
    rows = [b["cells"] for b in parse_structure(table) if b["kind"] == "table_row"]
    assert rows[1] == {"Cấp dự báo": "Cấp V", "Mức độ nguy hiểm": "Cực kỳ nguy hiểm",
                       "Biện pháp chủ yếu": "Cấm mọi hoạt động dùng lửa trong rừng", "Chế độ trực": "Trực 24/24 giờ"}


@pytest.mark.parametrize(("columns", "task"), [
    (["Nhóm nhiệm vụ", "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"], "Nội dung nhiệm vụ"),
    (["Nhóm giải pháp", "Nhiệm vụ cụ thể", "Đơn vị chủ trì"], "Nhiệm vụ cụ thể"),
    (["Nội dung", "Nhóm thực hiện", "Thời gian"], "Nội dung"),  # the first task column holds
])
def test_a_column_grouping_the_rows_is_not_the_task(columns: list[str], task: str) -> None:
    assert column_roles(dict.fromkeys(columns, "x"))["task"] == task


def test_a_covering_mails_numbered_questions_are_no_parts_of_the_plan() -> None:
    """A mail forwarding a plan asks "1. … đúng không chị?" above it: a question is no heading, and no heading above
    the plan's title scopes the plan's own lines."""
    text = ("Em xin xác nhận lại mấy điểm:\n"
            "1. Đợt cao điểm tính từ ngày 15/12/2025 đến ngày 15/3/2026, đúng không chị?\n"
            "2. Kiểm tra\n\n"
            "UBND TỈNH BÌNH LĨNH\nSố: 15/KH-BCĐ\n\nKẾ HOẠCH\nBảo đảm an toàn thực phẩm Tết\n\n"
            "Căn cứ Luật An toàn thực phẩm;\n\nI. MỤC ĐÍCH\nBảo đảm an toàn.\n")
    blocks = parse_structure(text)
    section = {text[b["start"]:b["end"]]: b["section"] for b in blocks}
    assert section["1. Đợt cao điểm tính từ ngày 15/12/2025 đến ngày 15/3/2026, đúng không chị?"] == ""
    assert section["Căn cứ Luật An toàn thực phẩm;"] == ""
    assert section["Bảo đảm an toàn."] == "I. MỤC ĐÍCH"


def test_a_schedules_columns_are_named() -> None:
    text = ("Nhóm chất thải\tMàu túi/thùng\tTần suất thu gom\tKhung giờ\tĐơn vị thu gom\n"
            "Chất thải thực phẩm\tXanh lá cây\tHằng ngày\t17h00 - 20h00\tCông ty Môi trường đô thị\n")
    rows = [b for b in parse_structure(text) if b["kind"] == "table_row"]
    assert rows[0]["cells"]["Tần suất thu gom"] == "Hằng ngày" and rows[0]["cells"]["Khung giờ"] == "17h00 - 20h00"


def test_columns_named_by_a_date_are_column_names() -> None:
    """"Tỷ lệ biết bơi an toàn (tháng 12/2025) | Chỉ tiêu đến 31/12/2026": a column is named by when as often as by
    its year; each row's figures travel under those names (not "Cột 2", "Cột 3")."""
    table = ("Cấp học\tTỷ lệ biết bơi an toàn (tháng 12/2025)\tChỉ tiêu đến 31/12/2026\tĐơn vị tham mưu\n"
             "Tiểu học\t52,3%\t70%\tPhòng Giáo dục Phổ thông\n"
             "Trung học cơ sở\t61,7%\t80%\tPhòng Giáo dục Phổ thông\n")
    rows = [b["cells"] for b in parse_structure(table) if b["kind"] == "table_row"]
    assert rows == [
        {"Cấp học": "Tiểu học", "Tỷ lệ biết bơi an toàn (tháng 12/2025)": "52,3%", "Chỉ tiêu đến 31/12/2026": "70%",
         "Đơn vị tham mưu": "Phòng Giáo dục Phổ thông"},
        {"Cấp học": "Trung học cơ sở", "Tỷ lệ biết bơi an toàn (tháng 12/2025)": "61,7%",
         "Chỉ tiêu đến 31/12/2026": "80%", "Đơn vị tham mưu": "Phòng Giáo dục Phổ thông"}]


def test_a_row_of_a_group_within_a_group_keeps_both() -> None:
    """"| I | Đến năm 2030 |" over "| 11 | Chỉ tiêu về thủ tục hành chính … |" over row 11.9: the row's group is the
    second, and the first (its year) travels with it; the next part ("| II | Đến năm 2025 |") starts afresh."""
    text = ("| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì |\n|---|---|---|---|---|\n"
            "| **I** | **Đến năm 2030** | | | |\n"
            "| 11 | Chỉ tiêu về thực hiện thủ tục hành chính | | | |\n"
            "| 11.9 | Tỉ lệ cắt giảm thủ tục hành chính nội bộ | % | 50 | Văn phòng Chính phủ |\n"
            "| **II** | **Đến năm 2025** | | | |\n"
            "| 1 | Tỉ lệ hồ sơ trực tuyến | % | 80 | Văn phòng Chính phủ |\n")
    text = normalize_text(text)[0]
    rows = [b for b in parse_structure(text) if b["kind"] == "table_row"]
    assert rows[0]["cells"][GROUP] == "Chỉ tiêu về thực hiện thủ tục hành chính"
    assert rows[0]["cells"][OUTER_GROUP] == "Đến năm 2030"
    where = rows[0]["cell_spans"][OUTER_GROUP]
    assert text[where[0]:where[1]] == "Đến năm 2030"
    assert rows[1]["cells"][GROUP] == "Đến năm 2025" and OUTER_GROUP not in rows[1]["cells"]
