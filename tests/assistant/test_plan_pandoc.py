"""A Sở plan exported from Word to markdown with pandoc, written for this test: its header in a "+---+" grid whose
cells wrap over lines, "\\" line breaks, numbering lost to "#" headings, and its task annex an HTML table with a
two-row header, group rows merged across, a lead unit merged down two rows and a column of the officials who follow
each task."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "pandoc_export_plan.md"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("pandoc"), [PLAN])


def test_the_header_of_a_grid_is_read(plan: Services) -> None:
    [doc] = plan.registry.list_documents()
    meta = doc.to_meta()
    assert (meta.doc_number, meta.issued_date, meta.issuer, meta.signer) == (
        "418/KH-SYT", "2027-03-05", "Sở Y tế", "Trần Văn Khải")
    assert meta.title == "Kế hoạch phòng, chống sốt xuất huyết trên địa bàn tỉnh Bắc Trà năm 2027"


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the lead merged down two rows leads the second task too; its dates under the header's two rows
    ("Theo kế hoạch phòng, chống sốt xuất huyết của Sở Y tế Bắc Trà, ai chủ trì giám sát véc tơ tại 24 điểm cố định "
     "và hoàn thành khi nào?", ["Trung tâm Kiểm soát bệnh tật tỉnh", "15/12/2027"], []),
    # asked when it starts too: the "Bắt đầu" column under the header's second row
    ("Trong phụ lục kế hoạch sốt xuất huyết của Bắc Trà, việc giám sát véc tơ do ai chủ trì, bắt đầu và hoàn thành khi "
     "nào?", ["Trung tâm Kiểm soát bệnh tật tỉnh", "01/3/2027", "15/12/2027"], []),
    # an official following a task is public record, and the column the question names is said
    ("Trong phụ lục kế hoạch sốt xuất huyết của Bắc Trà, ai theo dõi việc tổ chức chiến dịch diệt lăng quăng?",
     ["Lê Thị Hồng Vân"], []),
    # "bao nhiêu người" is answered by the number of doctors and nurses
    ("Kế hoạch sốt xuất huyết của tỉnh Bắc Trà tập huấn phác đồ điều trị cho bao nhiêu người?", ["260 bác sĩ"], []),
])
def test_answered_from_the_exported_table(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)
