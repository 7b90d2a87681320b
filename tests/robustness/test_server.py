"""A real `troly serve` (127.0.0.1) as a user and an attacker would meet it: hostile input never gets a 500
and always a Vietnamese message; a burst of wrong keys carrying a real prefix cannot blow up memory; an
upload leaves nothing on disk; the malformed-file corpus is refused file by file, within bounds.

One server child per module (privacy on, so the upload-residue check sees the real redaction path). RSS is
the server process's, sampled every 20 ms (psutil); figures go to tests/robustness/out/server.json.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import random
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import malformed
import pytest
from harness import Child, add_admin, sampled_rss, start_server

from assistant.text import has_diacritics

OUT = Path(__file__).resolve().parent / "out"
BURST = 40
MAX_BURST_GROWTH_MB = 200
MAX_FILE_GROWTH_MB = 500
HANG_S = 30


@dataclass
class Served:
    child: Child
    key: str
    data: Path
    tmp: Path  # the server's own system temp directory (TMPDIR)
    figures: dict[str, Any]

    def post(self, url: str, **kw: Any) -> httpx.Response:
        return httpx.post(self.child.url + url, headers={"Authorization": f"Bearer {self.key}",
                                                         **kw.pop("headers", {})}, timeout=300, **kw)


@pytest.fixture(scope="module")
def served(forks: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    data, tmp = root / "data", root / "systmp"
    tmp.mkdir()
    key = add_admin(data)
    child = start_server(forks, data, root / "serve.log", TMPDIR=str(tmp), TROLY_PRIVACY__ENABLED="true",
                         TROLY_API__RATE_LIMIT_PER_MINUTE="1000")
    figures: dict[str, Any] = {}
    try:
        yield Served(child, key, data, tmp, figures)
    finally:
        child.stop()
        OUT.mkdir(exist_ok=True)
        (OUT / "server.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1))


# --- hostile input -----------------------------------------------------------------------------------------

HOSTILE: list[tuple[str, str, dict[str, Any]]] = [  # id, path, request arguments
    ("lone-surrogate", "/v1/ask", {"content": b'{"question": "Ai \\ud800 ch\\u1ee7 tr\\u00ec?"}'}),
    ("surrogate-pair-reversed", "/v1/ask", {"content": b'{"question": "\\udc00\\ud800"}'}),
    ("nul-in-question", "/v1/ask", {"content": b'{"question": "Ai ch\\u1ee7 tr\\u00ec\\u0000?"}'}),
    ("noncharacter", "/v1/ask", {"content": b'{"question": "Ai \\uffff?"}'}),
    ("surrogate-in-doc-ids", "/v1/ask", {"content": b'{"question": "Ai?", "doc_ids": ["\\ud83d"]}'}),
    ("surrogate-in-citation", "/v1/feedback", {"content": json.dumps(
        {"question": "Ai?", "verdict": "sai", "citations": [
            {"n": 1, "doc_id": "x", "source": "a", "title": "t", "quote": "\ud800", "start": 0, "end": 1}]},
        ensure_ascii=True).encode()}),
    ("invalid-utf8", "/v1/ask", {"content": b'{"question": "Ai ch\xff\xfe tr\xc3?"}'}),
    ("deep-json", "/v1/ask", {"content": b"[" * 100_000 + b"]" * 100_000}),
    ("deep-object", "/v1/ask", {"content": b'{"question": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001}),
    ("not-json", "/v1/ask", {"content": b"question=Ai"}),
    ("empty-body", "/v1/ask", {"content": b""}),
    ("huge-int", "/v1/ask", {"content": b'{"question": "Ai?", "top_k": ' + b"9" * 5000 + b"}"}),
    ("nan", "/v1/ask", {"content": b'{"question": "Ai?", "top_k": NaN}'}),
    ("role-enum", "/v1/users", {"json": {"name": "x", "role": "boss", "clearance": "public"}}),
    ("clearance-enum", "/v1/users", {"json": {"name": "x", "role": "viewer", "clearance": "tối mật"}}),
    ("verdict-enum", "/v1/feedback", {"json": {"question": "Ai?", "verdict": "có lẽ"}}),
    ("too-many-files", "/v1/documents", {"files": [("files", (f"{i}.txt", b"x")) for i in range(150)]}),
    ("broken-multipart", "/v1/documents", {"content": b"--x\r\nContent-Disposition: form-data\r\n\r\nabc",
                                           "headers": {"Content-Type": "multipart/form-data; boundary=x"}}),
    ("no-boundary", "/v1/documents", {"content": b"abc", "headers": {"Content-Type": "multipart/form-data"}}),
    ("hostile-file-name", "/v1/documents", {"files": {"files": ("../../etc/\x00passwd\r\n.txt", b"x" * 10)}}),
]


@pytest.mark.parametrize(("case", "path", "kw"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gets_a_vietnamese_4xx_never_a_500(served: Served, case: str, path: str,
                                                        kw: dict[str, Any]) -> None:
    kw = dict(kw)
    if "content" in kw:
        kw.setdefault("headers", {"Content-Type": "application/json"})
    r = served.post(path, **kw)
    served.figures.setdefault("hostile", {})[case] = r.status_code
    assert 400 <= r.status_code < 500 or (case == "hostile-file-name" and r.status_code == 200), r.text
    detail = r.json()["detail"] if r.status_code != 200 else r.json()["documents"][0]["reason"]
    assert isinstance(detail, str) and has_diacritics(detail), detail
    assert "Traceback" not in r.text and "Error" not in detail


def test_hostile_headers_and_paths(served: Served) -> None:
    base = served.child.url
    statuses = [
        httpx.get(f"{base}/v1/me", headers={"Authorization": "Bearer " + "a" * 20_000}).status_code,
        httpx.get(f"{base}/v1/me", headers={"Authorization": "Bearer troly_éééééééé_x".encode()}).status_code,
        httpx.get(f"{base}/v1/documents/%00", headers={"Authorization": f"Bearer {served.key}"}).status_code,
        httpx.get(f"{base}/v1/audit?user=%ff%fe&since=khong-phai-ngay",
                  headers={"Authorization": f"Bearer {served.key}"}).status_code,
        httpx.get(f"{base}/v1/documents/x/text?start=-5&end=99999999999999999999",
                  headers={"Authorization": f"Bearer {served.key}"}).status_code,
    ]
    served.figures["hostile_headers"] = statuses
    assert all(400 <= s < 500 for s in statuses), statuses


# --- bad-key burst -----------------------------------------------------------------------------------------


def test_bad_key_burst_stays_within_memory(served: Served) -> None:
    prefix = served.key.split("_")[1]  # a real account's prefix: every wrong key costs a real verification
    wrong = [f"troly_{prefix}_{secrets.token_urlsafe(32)}" for _ in range(BURST)]
    time.sleep(1)

    def call(key: str) -> int:
        return httpx.get(f"{served.child.url}/v1/me", headers={"Authorization": f"Bearer {key}"}, timeout=120).status_code

    with sampled_rss(served.child.proc.pid) as rss, concurrent.futures.ThreadPoolExecutor(BURST) as pool:
        t0 = time.perf_counter()
        statuses = list(pool.map(call, wrong))
        seconds = time.perf_counter() - t0
    served.figures["bad_key_burst"] = {"requests": BURST, "rss_before_mb": rss.before // 2**20,
                                       "rss_growth_mb": rss.growth_mb, "seconds": round(seconds, 1),
                                       "statuses": {s: statuses.count(s) for s in set(statuses)}}
    assert set(statuses) <= {401, 429, 503}, statuses
    assert rss.growth_mb < MAX_BURST_GROWTH_MB, served.figures["bad_key_burst"]
    assert call(served.key) == 200  # the real key still works


# --- upload residue ----------------------------------------------------------------------------------------


def planted_cccd(rng: random.Random) -> str:
    """A CCCD number nobody else's test uses: Hà Nội (001), born in the 1900s (0/1), random serial."""
    return f"001{rng.choice('01')}{rng.randint(50, 99):02d}{rng.randint(0, 999_999):06d}"


def files_holding(roots: list[Path], needles: list[bytes], skip: Path | None = None,
                  since: float = 0.0) -> list[str]:
    """Every file under `roots` (symlinks not followed, unreadable ones skipped) that holds a needle. The system temp
    directory is shared: a folder another process removes while it is walked is skipped, not an error. `since`: a
    file last written before then cannot hold a needle made after it (the random tokens of the test), so it is not
    read — the system temp directory of a developer's machine holds gigabytes of older files."""
    hits: list[str] = []
    for root in roots:
        if not root.exists():
            continue
        for path in (Path(top) / name for top, _, names in os.walk(root) for name in names):
            try:
                if path.is_symlink() or not path.is_file() or (skip and skip in path.parents):
                    continue
                stat = path.stat()
                if stat.st_size > 200 * 2**20 or stat.st_mtime < since:
                    continue
                raw = path.read_bytes()
            except OSError:
                continue
            hits += [f"{path}: {n!r}" for n in needles if n in raw]
    return hits


def residue_roots(data: Path, server_tmp: Path) -> list[Path]:
    """The data directory, the server's temp directory, the system temp directory and Gradio's default."""
    system = Path(tempfile.gettempdir())
    return [data, server_tmp, system / "gradio", system]


def test_api_uploads_leave_no_raw_identifier_or_refused_bytes_on_disk(served: Served) -> None:
    started = time.time() - 2  # file times are not finer than the file system's clock
    rng = random.Random()
    cccd = planted_cccd(rng)
    marker = secrets.token_hex(12)
    plan = malformed.plan_text()
    personal = plan.replace("Bảo vệ tài liệu mật", f"Đầu mối: ông Lê Văn Tám, số CCCD {cccd}. Bảo vệ tài liệu mật")
    secret = malformed.stamped_text().replace("Bảo vệ tài liệu mật", f"Mã lưu trữ {marker}. Bảo vệ tài liệu mật")
    big = (personal + "\n") + "\n".join(f"Phụ lục dòng {i}: {marker}-big" for i in range(60_000))  # > 1 MB
    r = served.post("/v1/documents", files=[("files", ("ca-nhan.txt", personal.encode())),
                                            ("files", ("mat.txt", secret.encode())),
                                            ("files", ("lon.md", big.encode()))])
    assert r.status_code == 200, r.text
    statuses = [o["status"] for o in r.json()["documents"]]
    assert statuses[:2] == ["ingested", "refused"], r.json()
    hits = files_holding(residue_roots(served.data, served.tmp), [cccd.encode(), marker.encode()], since=started)
    served.figures["api_upload_residue"] = {"files_with_raw_bytes": len(hits), "outcomes": statuses}
    assert hits == []


# --- the malformed corpus, through the API -----------------------------------------------------------------


def test_malformed_corpus_through_the_api(served: Served, tmp_path: Path) -> None:
    cases = [c for c in malformed.build() if not c.walk_only]
    assert len(cases) >= 150
    rows = []
    for case in cases:
        with sampled_rss(served.child.proc.pid) as rss:
            t0 = time.perf_counter()
            r = served.post("/v1/documents", files={"files": (case.name, case.data)},
                            data={"classification": "public"})
            seconds = time.perf_counter() - t0
        assert r.status_code == 200, (case.name, r.text)
        [outcome] = r.json()["documents"]
        rows.append({"name": case.name, "status": outcome["status"], "reason": outcome["reason"],
                     "seconds": round(seconds, 2), "rss_growth_mb": rss.growth_mb})
        assert outcome["status"] == case.status, (case.name, outcome)
        assert not case.reasons or any(f in outcome["reason"] for f in case.reasons), (case.name, outcome)
    served.figures["malformed_api"] = {
        "files": len(rows), "max_seconds": max(r["seconds"] for r in rows),
        "max_rss_growth_mb": max(r["rss_growth_mb"] for r in rows),
        "slowest": sorted(rows, key=lambda r: -r["seconds"])[:5],
        "zip_bombs": [r for r in rows if r["name"].startswith("bom-")],
        "hungriest": sorted(rows, key=lambda r: -r["rss_growth_mb"])[:5]}
    assert all(r["seconds"] < HANG_S for r in rows), served.figures["malformed_api"]["slowest"]
    assert all(r["rss_growth_mb"] < MAX_FILE_GROWTH_MB for r in rows), served.figures["malformed_api"]["hungriest"]
    check = httpx.get(f"{served.child.url}/v1/index", headers={"Authorization": f"Bearer {served.key}"}).json()
    assert (check["orphan_points"], check["missing_points"], check["stale_points"], check["pending"]) == (0, 0, 0, 0)
