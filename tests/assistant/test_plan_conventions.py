"""Conventions of administrative writing read on a plan written for this test: a list's lead-in dates its
items ("Phấn đấu đến năm 2027:"), "so với bình quân …" is a target's baseline and not a second plan, the
abbreviations of the text ("BTV", "T/M") say what a question writes out, and "giữa kỳ kế hoạch" is not
"ký kế hoạch"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import services_over

from assistant.services.container import Services
from assistant.services.question import analyse
from assistant.vocab.signature import spell_authority

PLAN = Path(__file__).parents[1] / "fixtures" / "party_plan_conventions.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("conventions"), [PLAN])


@pytest.mark.parametrize(("question", "fact"), [
    # the year asked is in the list's lead-in, not in the item
    ("Đến năm 2027, huyện Tân Phú phấn đấu giảm diện tích rừng bị thiệt hại do cháy bao nhiêu so với bình quân "
     "giai đoạn 2021 - 2025?", "80%"),
    # "trình Ban Thường vụ" is written "trình BTV" in the plan
    ("Cơ quan nào thẩm định hồ sơ kết nạp đảng viên trình Ban Thường vụ Huyện ủy Tân Phú?", "Ban Tổ chức Huyện ủy"),
    # "thay mặt" is written "T/M"
    ("Ai ký thay mặt Ban Thường vụ Huyện ủy Tân Phú kế hoạch phòng cháy rừng và phát triển đảng viên?",
     "Lê Văn Hùng"),
    ("ai ky thay mat ban thuong vu huyen uy tan phu ke hoach phong chay rung?", "Lê Văn Hùng"),
    # "giữa kỳ kế hoạch" asks when, not who signed
    ("Khi nào Huyện ủy Tân Phú sơ kết giữa kỳ kế hoạch phòng cháy rừng và phát triển đảng viên?", "Quý IV/2026"),
])
def test_conventions_answered(plan: Services, question: str, fact: str) -> None:
    r = plan.ask.ask(question)
    assert r.answerable and fact in r.answer, r.answer
    first = r.answer.splitlines()[0]
    assert fact in first or fact in r.answer.splitlines()[1], r.answer  # the fact leads


@pytest.mark.parametrize(("question", "intents"), [
    ("Khi nào sơ kết giữa kỳ kế hoạch?", {"deadline"}),
    ("Ai ký kế hoạch?", {"signer", "metadata", "responsibility"}),
    ("ai ky ke hoach?", {"signer", "metadata", "responsibility"}),
    ("Ai ky kế hoạch?", {"signer", "metadata", "responsibility"}),  # typed partly without diacritics
    ("Số hộ được hỗ trợ là số lượng bao nhiêu?", {"number", "metadata", "target"}),
    ("Các bộ báo cáo kết quả theo định kỳ nào?", {"reporting", "deadline", "frequency"}),
    ("Giảm bao nhiêu phần trăm so với bình quân giai đoạn 2021 - 2025?", {"target"}),
    ("Chỉ tiêu của Bắc Ninh so với chỉ tiêu trong Chương trình hành động của Chính phủ?", {"compare", "target"}),
    ("Kế hoạch của tỉnh có số hiệu bao nhiêu?", {"number", "metadata"}),  # a number, not a figure
    ("Nhiệm vụ nạo vét kênh dẫn được dự trù bao nhiêu tiền?", {"funding", "target"}),  # "nạo" is not "nào"
])
def test_cue_words(question: str, intents: set[str]) -> None:
    assert set(analyse(question).intents) == intents


@pytest.mark.parametrize(("text", "spelled"), [
    ("T/M BAN THƯỜNG VỤ", "thay mặt BAN THƯỜNG VỤ"),
    ("KT. CHỦ TỊCH", "ký thay CHỦ TỊCH"),
    ("TL. BỘ TRƯỞNG", "thừa lệnh BỘ TRƯỞNG"),
    ("Hội nghị BCH Đảng bộ tháng 3", "Hội nghị BCH Đảng bộ tháng 3"),
])
def test_authority_marks_spelled_out(text: str, spelled: str) -> None:
    assert spell_authority(text) == spelled
