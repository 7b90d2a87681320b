"""The verifier drops statements whose quotes are fake or whose numbers are not in the quotes."""

from __future__ import annotations

import pytest

from assistant.domain import Citation
from assistant.services.verify import Statement, numbers_in, verify

DOC = "Văn phòng Đảng ủy chủ trì xây dựng kho lưu trữ điện tử, thời gian Quý III/2026. Tối thiểu 95% hồ sơ."
TEXTS = {"d1": DOC}


def cite(n: int, quote: str, start: int | None = None) -> Citation:
    s = DOC.find(quote) if start is None else start
    return Citation(n=n, doc_id="d1", source="a.txt", title="KH", quote=quote, start=s, end=s + len(quote))


def run(statements: list[Statement], citations: list[Citation]):  # type: ignore[no-untyped-def]
    return verify(statements, citations, TEXTS.__getitem__)


def test_true_statement_survives() -> None:
    c = cite(1, "Văn phòng Đảng ủy chủ trì xây dựng kho lưu trữ điện tử, thời gian Quý III/2026")
    out = run([Statement("Văn phòng Đảng ủy chủ trì, thời gian Quý III/2026 [1]", [1])], [c])
    assert [s.text for s in out.statements] == ["Văn phòng Đảng ủy chủ trì, thời gian Quý III/2026 [1]"]
    assert out.citations[0].quote == c.quote and out.dropped == 0


@pytest.mark.parametrize(
    "statement",
    [
        "Tối thiểu 90% hồ sơ [1]",  # planted wrong percentage
        "Thời gian Quý III/2027 [1]",  # planted wrong year
        "Hoàn thành trước ngày 12/6/2026 [1]",  # date not in the quote
    ],
)
def test_planted_wrong_numbers_are_dropped(statement: str) -> None:
    c = cite(1, "Tối thiểu 95% hồ sơ.")
    out = run([Statement(statement, [1])], [c])
    assert out.statements == [] and out.citations == [] and out.dropped == 1


def test_fake_quote_is_dropped() -> None:
    fake = Citation(n=1, doc_id="d1", source="a.txt", title="KH", quote="Ban Xây dựng Đảng chủ trì", start=0, end=25)
    out = run([Statement("Ban Xây dựng Đảng chủ trì [1]", [1])], [fake])
    assert out.statements == []


def test_shifted_offsets_are_dropped() -> None:
    quote = "Tối thiểu 95% hồ sơ."
    bad = cite(1, quote, start=DOC.find(quote) + 1)
    assert run([Statement("Tối thiểu 95% hồ sơ [1]", [1])], [bad]).statements == []


def test_survivors_are_renumbered() -> None:
    good = cite(2, "Tối thiểu 95% hồ sơ.")
    fake = Citation(n=1, doc_id="d1", source="a.txt", title="KH", quote="không có", start=0, end=8)
    out = run([Statement("Sai [1]", [1]), Statement("Tối thiểu 95% hồ sơ [2]", [2])], [fake, good])
    assert [s.text for s in out.statements] == ["Tối thiểu 95% hồ sơ [1]"]
    assert [c.n for c in out.citations] == [1]


def test_statement_without_citation_is_dropped() -> None:
    assert run([Statement("Không có nguồn", [])], []).statements == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("đạt 95 % [3]", {"95%"}), ("Quý III/2026", {"2026"}), ("ngày 12/6/2026", {"12/6/2026"}), ("không số", set())],
)
def test_numbers_in(text: str, expected: set[str]) -> None:
    assert numbers_in(text) == expected


def test_a_percentage_from_a_row_whose_measure_is_percent() -> None:
    """"Năm 2030: 100%" of a row named "Tỷ lệ … (%)": the figure is the row's, its sign the measure's; a bare figure
    is no percentage where no measure says so, and a wrong figure stays wrong."""
    text = "| Tỷ lệ người cao tuổi có thẻ BHYT (%) | 97 | 100 |\n| Số câu lạc bộ | 5 | 10 |"
    texts = {"d1": text}

    def row(n: int, line: str) -> Citation:
        s = text.find(line)
        return Citation(n=n, doc_id="d1", source="a.txt", title="KH", quote=line, start=s, end=s + len(line))

    percent, count = row(1, text.split("\n")[0]), row(1, text.split("\n")[1])
    kept = verify([Statement("Thẻ BHYT: 100% [1]", [1])], [percent], texts.__getitem__)
    assert [s.text for s in kept.statements] == ["Thẻ BHYT: 100% [1]"]
    assert verify([Statement("Thẻ BHYT: 90% [1]", [1])], [percent], texts.__getitem__).statements == []
    assert verify([Statement("Câu lạc bộ: 10% [1]", [1])], [count], texts.__getitem__).statements == []
