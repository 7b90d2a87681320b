"""Classification gate: stamped documents are refused, mere mentions of "mật" are not."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.schema import Document

from ingest.gate import ClassificationGate, ClassifiedDocumentError, find_classification_stamp
from ingest.load import load_document
from ingest.metadata import MetadataExtractor

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEADER = "TỈNH ỦY ĐỒNG NAI\n*\nSố 12-KH/TU\n{stamp}\n\nĐẢNG CỘNG SẢN VIỆT NAM\nĐồng Nai, ngày 05 tháng 02 năm 2026\n"
BODY = "\nKẾ HOẠCH\nchuyển đổi số năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n- Triển khai các nhiệm vụ.\n"


@pytest.mark.parametrize(
    ("stamp_line", "expected"),
    [
        ("MẬT", "MẬT"),
        ("Mật", "MẬT"),
        ("mật", "MẬT"),
        ("**MẬT**", "MẬT"),
        ("(MẬT)", "MẬT"),
        ("Độ mật: Mật", "MẬT"),
        ("ĐỘ MẬT: TỐI MẬT", "TỐI MẬT"),
        ("TỐI MẬT", "TỐI MẬT"),
        ("Tối mật", "TỐI MẬT"),
        ("TUYỆT MẬT", "TUYỆT MẬT"),
        ("## **TUYỆT MẬT**", "TUYỆT MẬT"),
        ("MẬT - KHẨN", "MẬT"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM          TỐI MẬT", "TỐI MẬT"),  # a two-column header flattened
        (unicodedata.normalize("NFD", "TUYỆT MẬT"), "TUYỆT MẬT"),
    ],
)
def test_stamped_headers_are_found(stamp_line: str, expected: str) -> None:
    assert find_classification_stamp(HEADER.format(stamp=stamp_line) + BODY) == expected


@pytest.mark.parametrize(
    "sentence",
    [  # sentences of the corpus that talk about secrets without being secret
        "- 100% các cơ quan trong hệ thống chính trị của xã được triển khai mạng số liệu chuyên dùng sử dụng "
        "giải pháp bảo mật của cơ yếu (mạng mật), đảm bảo vận hành ổn định.",
        "- Trang bị đầy đủ thiết bị ký số tích hợp mã hóa, giải mã văn bản, tài liệu mật, tối mật cho các cơ quan.",
        "- 100% văn bản (bao gồm cả văn bản Mật và Tối mật) trong phạm vi đủ điều kiện được gửi, nhận, xử lý.",
        "- Thực hiện nghiêm các quy định về bảo vệ bí mật nhà nước, bí mật của Đảng.",
        "- Hoàn thành số hóa 100% hồ sơ, tài liệu không mật và từng bước số hóa các tài liệu mật theo quy định.",
        "5. Bảo đảm an toàn mạng, bảo mật thông tin, an toàn dữ liệu",
        "5\tKiểm tra việc quản lý sử dụng các thiết bị mật mã, chứa BMNN\t- Tổ 57 cơ quan\tThường xuyên",
        "Triển khai mạng mật, hệ thống thông tin gửi, nhận văn bản và xử lý hồ sơ cấp độ mật.",
        "Độ mật của tài liệu do người đứng đầu xác định.",
    ],
)
def test_mentions_are_not_stamps(sentence: str) -> None:
    assert find_classification_stamp(HEADER.format(stamp="") + sentence + "\n" + BODY) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [  # a line-joining export may glue the stamp to its neighbour in the header
        ("TỈNH ỦY ĐỒNG NAI\nSố 99-KH/TU MẬT\n", "MẬT"),
        ("TỈNH ỦY ĐỒNG NAI **TỐI MẬT**\nSố 99-KH/TU\n", "TỐI MẬT"),
        ("TUYỆT MẬT ĐẢNG CỘNG SẢN VIỆT NAM\n", "TUYỆT MẬT"),
        ("PHÒNG BẢO MẬT\nSố 99-KH/TU\n", None),
        ("HỌC VIỆN KỸ THUẬT MẬT MÃ\nSố 99-KH/TU\n", None),
        ("CỤC BẢO VỆ BÍ MẬT\nSố 99-KH/TU\n", None),
    ],
)
def test_stamp_glued_to_a_header_line(header: str, expected: str | None) -> None:
    assert find_classification_stamp(header + BODY) == expected


def test_glued_capitals_below_the_title_are_content() -> None:
    assert find_classification_stamp(BODY + "II. BẢO VỆ HỆ THỐNG MẠNG MẬT\nTÀI LIỆU TỐI MẬT\n") is None


def test_a_stamp_line_far_below_the_header_is_content() -> None:
    filler = "".join(f"- Nhiệm vụ {i}.\n" for i in range(60))
    assert find_classification_stamp(HEADER.format(stamp="") + BODY + filler + "MẬT\n") is None


def test_corpus_documents_are_accepted(corpus_files: list[Path]) -> None:
    from ingest.normalize import normalize_text

    docs = [load_document(path, max_bytes=50 * 1024 * 1024) for path in corpus_files]
    assert [find_classification_stamp(d.text) for d in docs] == [None] * len(corpus_files)
    assert [find_classification_stamp(normalize_text(d.text)[0]) for d in docs] == [None] * len(corpus_files)
    assert ClassificationGate()(docs) == docs


def test_stamped_fixture_is_refused_before_anything_is_stored() -> None:
    doc = load_document(FIXTURES / "stamped_mat.txt", max_bytes=1024 * 1024)
    pipeline = IngestionPipeline(transformations=[MetadataExtractor(), ClassificationGate()], disable_cache=True)
    with pytest.raises(ClassifiedDocumentError) as err:
        pipeline.run(documents=[doc])
    assert err.value.stamp == "MẬT"
    message = str(err.value)
    assert message.startswith("Tài liệu được đóng dấu MẬT: không được phép nạp vào hệ thống")
    assert "mạng mật" not in message and "Đồng Nai" not in message  # the refusal carries no content


def test_stamped_fixture_is_refused_after_normalize() -> None:
    from ingest.normalize import Normalizer  # the order of the prepare pipeline

    doc = load_document(FIXTURES / "stamped_mat.txt", max_bytes=1024 * 1024)
    pipeline = IngestionPipeline(
        transformations=[Normalizer(), MetadataExtractor(), ClassificationGate()], disable_cache=True
    )
    with pytest.raises(ClassifiedDocumentError, match="đóng dấu MẬT"):
        pipeline.run(documents=[doc])


def test_gate_passes_unstamped_documents_through() -> None:
    doc = Document(text=HEADER.format(stamp="") + BODY)
    assert ClassificationGate()([doc]) == [doc]
