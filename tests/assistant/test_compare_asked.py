"""What a comparison asks of each plan: the words naming only the other plan are left out, a time asked of both is
not."""

from __future__ import annotations

from assistant.services.ask import _asked_of

NAMES = {
    "nq": {"title": "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
           "issuer": "Bộ Chính trị"},
    "bn": {"title": "Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030",
           "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh"},
}
QUESTION = ("So với Nghị quyết 57-NQ/TW của Bộ Chính trị, chỉ tiêu quy mô kinh tế số đến 2030 trong kế hoạch kinh tế "
            "số, xã hội số Bắc Ninh 2026-2030 cao hơn hay thấp hơn?")


def test_a_year_asked_of_both_plans_is_kept_and_the_others_period_left_out() -> None:
    """"… đến 2030": the resolution's targets are for 2030 too (its text says it); "2026-2030" names the other plan."""
    asked = _asked_of(QUESTION, "nq", ["nq", "bn"], NAMES, "Đến năm 2030: quy mô kinh tế số đạt tối thiểu 30% GDP.")
    assert "đến 2030" in asked and "2026-2030" not in asked, asked


def test_a_year_the_plan_never_says_is_left_out() -> None:
    asked = _asked_of(QUESTION, "nq", ["nq", "bn"], NAMES, "Đến năm 2045: Việt Nam có quy mô kinh tế số …")
    assert "2030" not in asked, asked


def test_a_year_naming_the_other_plan_is_left_out_though_this_plan_says_it() -> None:
    """"kế hoạch năm 2025" names a plan; "Phấn đấu đến năm 2025" in the other plan's text does not make it asked."""
    names = {"a": {"title": "Kế hoạch trồng rừng năm 2025 huyện Triệu Lâm", "issuer": "Ủy ban nhân dân huyện Triệu Lâm"},
             "b": {"title": "Kế hoạch trồng rừng năm 2024 huyện Đông Sơn", "issuer": "Ủy ban nhân dân huyện Đông Sơn"}}
    question = "Diện tích trồng rừng trong kế hoạch năm 2025 của Triệu Lâm so với kế hoạch năm 2024 của Đông Sơn?"
    asked = _asked_of(question, "b", ["a", "b"], names, "Phấn đấu đến năm 2025 trồng mới 300 ha rừng.")
    assert "2025" not in asked, asked
