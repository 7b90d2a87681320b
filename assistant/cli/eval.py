"""`troly eval`: accuracy on the gold questions against two baseline configurations, or two runs compared."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import ConfigOpt, console, err, fail, settings_from
from assistant.domain import AnswerMode


def eval_command(
    dataset: Annotated[Path | None, typer.Option("--dataset", help="Tệp câu hỏi chuẩn JSONL.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi báo cáo.")] = Path("eval/out"),
    corpus: Annotated[str, typer.Option(
        "--corpus", envvar="TROLY_CORPUS", help="Thư mục tài liệu mẫu (nhiều thư mục: nối bằng ':').")] = "../shared/corpus",
    configs: Annotated[str, typer.Option("--configs", help="Cấu hình, cách nhau bởi dấu phẩy.")] = "troly,bm25,dense_default",
    compare: Annotated[tuple[Path, Path] | None, typer.Option("--compare", help="So sánh hai thư mục báo cáo.")] = None,
    gate: Annotated[bool, typer.Option("--gate", help="Thoát mã 1 nếu dưới ngưỡng chất lượng.")] = False,
    mode: Annotated[AnswerMode, typer.Option(
        "--mode", help="generative: thêm cấu hình mô hình ngôn ngữ (cần TROLY_LLM__BASE_URL), bỏ hai đối chứng.")
    ] = AnswerMode.EXTRACTIVE,
    config: ConfigOpt = None,
) -> None:
    """Đánh giá độ chính xác trên bộ câu hỏi chuẩn (kèm hai cấu hình đối chứng)."""
    from eval.gold import GoldDataError
    from eval.quality_gate import check_bars
    from eval.report import compare as compare_runs
    from eval.report import load_summary
    from eval.runner import DEFAULT_DATASET, run_evaluation

    if compare:
        console.print(compare_runs(*compare), highlight=False)
        return
    try:
        if mode == AnswerMode.GENERATIVE:
            from eval.generative import run_generative

            totals = run_generative(settings_from(config), corpus, out, dataset or DEFAULT_DATASET,
                                    show_progress=sys.stderr.isatty())
            console.print_json(data=totals)
        else:
            run_evaluation(settings_from(config), corpus, out, dataset or DEFAULT_DATASET,
                           tuple(c.strip() for c in configs.split(",") if c.strip()), show_progress=sys.stderr.isatty())
    except (GoldDataError, FileNotFoundError, RuntimeError) as exc:
        fail(str(exc))
    console.print((out / "summary.md").read_text(encoding="utf-8").split("\n## ")[0], highlight=False)
    console.print(f"Báo cáo: {out}/summary.md, summary.json, results.jsonl, chart.png")
    failures = check_bars(load_summary(out))
    if failures:
        err.print("[yellow]Dưới ngưỡng chất lượng:[/]\n- " + "\n- ".join(failures))
        if gate:
            raise typer.Exit(1)
