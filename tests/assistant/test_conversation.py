"""Follow-ups of a chat made standalone from the earlier user turns (assistant.services.conversation)."""

from __future__ import annotations

import pytest

from assistant.services.conversation import standalone_question

BXD = "Ban Xây dựng Đảng chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?"


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        # a new question stands alone, whatever came before
        ([BXD, "Ai chủ trì rà soát hạ tầng mạng?"], "Ai chủ trì rà soát hạ tầng mạng?"),
        (["Kinh phí thực hiện lấy từ đâu?"], "Kinh phí thực hiện lấy từ đâu?"),
        # rule 3: the subject the previous question opens with
        ([BXD, "còn Văn phòng Đảng ủy thì sao?"], "Văn phòng Đảng ủy chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?"),
        ([BXD, "Còn Văn phòng Đảng ủy?"], "Văn phòng Đảng ủy chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?"),
        (["Ban Xây dựng Đảng phải làm những việc gì?", "thế còn Ủy ban Kiểm tra thì thế nào?"],
         "Ủy ban Kiểm tra phải làm những việc gì?"),
        # follow-ups chain: each is resolved against the previous one as resolved
        (["Ban Xây dựng Đảng phải làm những việc gì?", "còn Văn phòng thì sao?", "vậy còn Ủy ban Kiểm tra?"],
         "Ủy ban Kiểm tra phải làm những việc gì?"),
        # rule 2: the words starting with the follow-up's first word
        (["Đến Quý III/2026 chỉ tiêu số hóa hồ sơ là bao nhiêu?", "còn Quý IV thì sao?"],
         "Đến Quý IV chỉ tiêu số hóa hồ sơ là bao nhiêu?"),
        (["Kế hoạch của xã Tân Hòa có những chỉ tiêu gì, đến năm nào?", "còn phường Bạch Đằng?"],
         "Kế hoạch của phường Bạch Đằng có những chỉ tiêu gì, đến năm nào?"),
        # rule 1: the role word it swaps with
        (["Ai chủ trì rà soát hạ tầng mạng?", "còn phối hợp thì sao?"], "Ai phối hợp rà soát hạ tầng mạng?"),
        (["Ai phối hợp rà soát hạ tầng mạng?", "còn chủ trì?"], "Ai chủ trì rà soát hạ tầng mạng?"),
        # rule 4: nothing to replace — in front
        (["Ai chủ trì rà soát hạ tầng mạng?", "còn kho lưu trữ điện tử thì sao?"],
         "Kho lưu trữ điện tử: Ai chủ trì rà soát hạ tầng mạng?"),
        # a follow-up with nothing before it is taken as it is
        (["còn Văn phòng thì sao?"], "còn Văn phòng thì sao?"),
    ],
)
def test_standalone_question(turns: list[str], expected: str) -> None:
    assert standalone_question(turns) == expected


def test_no_turns_gives_an_empty_question() -> None:
    assert standalone_question([]) == ""
