"""Stage 6 — chunk: section-aware chunks of the real corpus files through the real llama-index stages."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from llama_index.core import Document
from llama_index.core.schema import BaseNode

from ingest.chunk import SectionChunker, embed_text
from ingest.model import META_BLOCKS, META_PAGE_STARTS
from ingest.normalize import Normalizer
from ingest.structure import StructureParser, parse_structure

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILES = sorted(p.name[:3] for p in CORPUS.glob("0*.txt"))  # "000" … "004"
SENTENCE_BREAK = re.compile(r"[.;!?…]\s")


def prepared(name: str, text: str | None = None, **metadata: object) -> Document:
    raw = text if text is not None else next(CORPUS.glob(f"{name}*.txt")).read_text(encoding="utf-8")
    doc = Document(text=raw, id_=f"doc-{name}", metadata={"doc_id": f"id-{name}", "source": f"{name}.txt", **metadata})
    (out,) = StructureParser()(Normalizer()([doc]))
    assert isinstance(out, Document)
    return out


@cache
def doc_of(name: str) -> Document:
    return prepared(name)


@cache
def nodes_of(name: str) -> list[BaseNode]:
    return SectionChunker().get_nodes_from_documents([doc_of(name)])


@pytest.mark.parametrize("name", FILES)
def test_every_chunk_is_an_exact_slice_within_one_section(name: str) -> None:
    doc = doc_of(name)
    text, blocks = doc.text, doc.metadata[META_BLOCKS]
    for node in nodes_of(name):
        m = node.metadata
        assert node.get_content() == text[m["start"] : m["end"]]
        inside = [b for b in blocks if m["start"] <= b["start"] < m["end"]]
        assert inside, "a chunk starts at a block"
        assert {b["section"] for b in inside} == {m["section"]}
        assert all(b["kind"] != "heading" for b in inside)
        assert m["doc_id"] == f"id-{name}" and m["source"] == f"{name}.txt"
        assert m["page"] is None and m["kind"] in ("text", "table_row")
        assert META_BLOCKS not in m and META_PAGE_STARTS not in m
        assert node.ref_doc_id == f"doc-{name}"


@pytest.mark.parametrize("name", FILES)
def test_all_text_blocks_are_covered_once(name: str) -> None:
    doc = doc_of(name)
    spans = sorted((n.metadata["start"], n.metadata["end"]) for n in nodes_of(name))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    covered = [False] * len(doc.text)
    for s, e in spans:
        covered[s:e] = [True] * (e - s)
    for b in doc.metadata[META_BLOCKS]:
        if b["kind"] in ("paragraph", "list_item", "table_row"):  # a long block is cut only between sentences
            left = [c for i, c in enumerate(doc.text[b["start"] : b["end"]]) if not covered[b["start"] + i]]
            assert not "".join(left).strip(), doc.text[b["start"] : b["end"]]


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("max_chars", [900, 300])
def test_chunks_fit_max_chars_unless_one_sentence(name: str, max_chars: int) -> None:
    nodes = SectionChunker(max_chars=max_chars, min_chars=100).get_nodes_from_documents([doc_of(name)])
    for node in nodes:
        content = node.get_content()
        if node.metadata["kind"] == "text" and len(content) > max_chars:
            assert not SENTENCE_BREAK.search(content), content[:120]


def test_a_list_stays_with_the_line_announcing_it() -> None:
    """004 lists the Party's procedures to move online after "…, gồm:"; a short tail chunk borrowing from the one
    before must not take the last item away from its list."""
    nodes = nodes_of("004")
    [holding] = [n for n in nodes if "thủ tục hành chính của Đảng trên môi trường số" in n.get_content()]
    content = holding.get_content()
    assert "Thu, nộp đảng phí trực tuyến" in content and "Lấy ý kiến nhận xét của chi uỷ, chi bộ" in content


@pytest.mark.parametrize(("name", "rows"), [("000", 8), ("001", 17), ("002", 0), ("003", 52), ("004", 0)])
def test_table_rows_are_chunks_of_their_own(name: str, rows: int) -> None:
    table = [n for n in nodes_of(name) if n.metadata["kind"] == "table_row"]
    assert len(table) == rows
    assert all("\t" in n.get_content() and "\n" not in n.get_content() and n.metadata["rendered"] for n in table)
    assert not [n for n in nodes_of(name) if n.metadata["kind"] == "text" and "\t" in n.get_content()]


def test_000_row_rendered_with_its_column_names() -> None:
    row = next(n for n in nodes_of("000") if n.get_content().startswith("5\tRà soát, đầu tư, nâng cấp hạ tầng"))
    assert row.metadata["rendered"] == (
        "Nội dung công việc: Rà soát, đầu tư, nâng cấp hạ tầng công nghệ thông tin, trang thiết bị, đường truyền, "
        "hệ thống mạng, thiết bị bảo mật và hạ tầng kỹ thuật phục vụ triển khai chuyển đổi số trong ngành Tổ chức "
        "xây dựng Đảng · Thời gian thực hiện: Quý III/2026 · Đơn vị chủ trì: Văn phòng Đảng ủy · "
        "Đơn vị phối hợp: Ban Xây dựng Đảng, đơn vị có liên quan"
    )
    assert row.metadata["section"] == "V. LỘ TRÌNH TRIỂN KHAI"
    assert embed_text(row, "Kế hoạch tổng thể") == (
        f"Kế hoạch tổng thể\nV. LỘ TRÌNH TRIỂN KHAI\n{row.metadata['rendered']}"
    )


def test_003_group_value_in_rendered_row() -> None:
    row = next(n for n in nodes_of("003") if n.get_content().startswith("2\tBan hành Quy chế về bảo vệ bí mật"))
    assert row.metadata["rendered"].startswith(
        "Tên đơn vị chủ trì: Tổ kiêm nhiệm thực hiện bảo vệ BMNN cơ quan · Nội dung tham mưu: Ban hành Quy chế"
    )
    assert row.metadata["rendered"].endswith("Thời gian hoàn thành: Tháng 5/2026")


def test_000_unit_duties_chunked_under_their_section() -> None:
    section = "VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy"
    chunks = [n for n in nodes_of("000") if n.metadata["section"] == section]
    assert [n.metadata["kind"] for n in chunks] == ["text", "text"]
    assert chunks[0].get_content().startswith("- Chủ trì tham mưu bảo đảm hạ tầng kỹ thuật")
    assert "\n\n- Chủ trì tham mưu triển khai, quản lý" in chunks[0].get_content()  # merged, verbatim
    text = embed_text(chunks[0], "Kế hoạch tổng thể", max_chars=100)
    assert text.startswith(f"Kế hoạch tổng thể\n{section}\n- Chủ trì") and len(text) == 100


def test_ids_stable_across_runs_and_unique() -> None:
    for name in FILES:
        first = [n.node_id for n in nodes_of(name)]
        again = [n.node_id for n in SectionChunker().get_nodes_from_documents([prepared(name)])]
        assert first == again
        assert len(set(first)) == len(first)
    assert nodes_of("000")[0].node_id != SectionChunker().get_nodes_from_documents([prepared("000", doc_id="x")])[
        0
    ].node_id


def test_chunker_without_blocks_parses_structure_itself() -> None:
    doc = doc_of("004")
    bare = Document(text=doc.text, id_="doc-004", metadata={"doc_id": "id-004", "source": "004.txt"})
    assert [n.node_id for n in SectionChunker().get_nodes_from_documents([bare])] == [n.node_id for n in nodes_of("004")]
    assert parse_structure(doc.text) == doc.metadata[META_BLOCKS]


def test_pages_from_page_starts() -> None:
    raw = "I. MỤC TIÊU\n- Việc thứ nhất của\f1\nBan Chỉ đạo.\n- Việc thứ hai.\fII. NHIỆM VỤ\n- Việc thứ ba."
    doc = prepared("pdf", raw, file_type="pdf")
    assert doc.metadata[META_PAGE_STARTS] == [0, 32, 62]
    nodes = SectionChunker().get_nodes_from_documents([doc])
    assert [(n.get_content(), n.metadata["page"]) for n in nodes] == [
        ("- Việc thứ nhất của Ban Chỉ đạo.\n- Việc thứ hai.", 1),
        ("- Việc thứ ba.", 3),
    ]


def test_short_tail_borrows_from_its_neighbour() -> None:
    items = "\n".join(f"- Việc số {i} " + "được giao cho đơn vị phụ trách " * 2 + "." for i in range(1, 8))
    doc = prepared("tail", "I. NHIỆM VỤ\n" + items)
    greedy = SectionChunker(max_chars=300, min_chars=0).get_nodes_from_documents([doc])
    balanced = SectionChunker(max_chars=300, min_chars=150).get_nodes_from_documents([doc])
    assert len(greedy[-1].get_content()) < 150
    assert len(balanced) == len(greedy)
    assert all(150 <= len(n.get_content()) <= 300 for n in balanced)


def test_a_measure_line_above_a_table_travels_with_its_header() -> None:
    """"Đơn vị tính: km" above "STT | Huyện | 2027 …" says what every figure of the table counts."""
    text = ("PHỤ LỤC II\nChiều dài kênh mương theo huyện\nĐơn vị tính: km\n\n"
            "STT\tHuyện\t2027\t2028\tTổng\n1\tHuyện Lạc Khê\t30\t28\t58\n")
    nodes = SectionChunker().get_nodes_from_documents([Document(text=text, metadata={META_BLOCKS: parse_structure(text)})])
    row = next(n for n in nodes if n.metadata["kind"] == "table_row")
    assert [h["text"] for h in row.metadata["header_rows"]] == ["Đơn vị tính: km", "STT\tHuyện\t2027\t2028\tTổng"]


def test_a_tables_caption_travels_with_its_header() -> None:
    """"Bảng 1. Chỉ tiêu diện tích … (Đơn vị tính: ha)" above the table (the measure joined to the caption) says what
    the table's figures are of and count."""
    text = ("2. Mục tiêu cụ thể\nBảng 1. Chỉ tiêu diện tích cây ăn quả đạt VietGAP theo địa phương (Đơn vị tính: ha)\n\n"
            "STT\tHuyện\t2025\t2026\n1\tHuyện Khe Lau\t450\t610\n")
    nodes = SectionChunker().get_nodes_from_documents([Document(text=text, metadata={META_BLOCKS: parse_structure(text)})])
    row = next(n for n in nodes if n.metadata["kind"] == "table_row")
    assert [h["text"] for h in row.metadata["header_rows"]][0].startswith("Bảng 1. Chỉ tiêu diện tích cây ăn quả")


def test_a_chunk_holding_one_task_and_more_is_embedded_with_the_rest() -> None:
    """A part holding a task read field by field and, after it, an item of its own (a campaign and its dates): the
    task's rendering stands for the task, the rest of the chunk is still embedded — a question about the campaign
    finds it by its words."""
    from assistant.settings import load_settings
    from ingest.pipeline import build_chunker, build_prepare_pipeline, chunk, prepare

    text = ("KẾ HOẠCH\nPhối hợp vận động nông dân tham gia bảo hiểm xã hội năm 2026\n"
            "III. NỘI DUNG PHỐI HỢP\n1. Tổ chức thu và phát triển người tham gia\n"
            "- Hội Nông dân cấp xã phối hợp với tổ chức dịch vụ thu BHXH, BHYT tổ chức thu tại thôn, tổ dân phố.\n"
            "- Tổ chức “Đợt cao điểm vận động BHXH tự nguyện, BHYT hộ gia đình” từ ngày 01/9/2026 đến ngày "
            "30/11/2026 tại tất cả các xã, phường.\n2. Tập huấn nghiệp vụ\n- Tổ chức 02 lớp tập huấn cho 140 học viên.\n")
    doc = prepare(build_prepare_pipeline(), Document(text=text, metadata={"doc_id": "d1", "source": "phoi_hop.txt"}))
    node = next(n for n in chunk(build_chunker(load_settings()), doc) if "Đợt cao điểm" in n.get_content())
    assert "Hội Nông dân cấp xã" in embed_text(node, "Kế hoạch")
    assert "Đợt cao điểm vận động BHXH tự nguyện" in embed_text(node, "Kế hoạch"), embed_text(node, "Kế hoạch")
