"""Wires the stages into llama-index pipelines.

`prepare` turns a loaded Document into normalized, classified, (redacted,) structured text;
`chunk` turns that into TextNodes. They are separate because the registry needs the
prepared document text that every citation offset refers to.
"""

from __future__ import annotations

from llama_index.core import Document
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.schema import BaseNode, TransformComponent

from assistant.settings import Settings
from ingest.chunk import SectionChunker
from ingest.facts import TaskExtractor
from ingest.gate import ClassificationGate
from ingest.metadata import MetadataExtractor
from ingest.normalize import Normalizer
from ingest.plan import PlanExtractor
from ingest.structure import StructureParser


def build_prepare_pipeline(extra: list[TransformComponent] | None = None, extract: bool = True) -> IngestionPipeline:
    """Gate → normalize → (extra, e.g. PII redaction) → metadata → gate again → structure → tasks → plan.

    The gate runs on the raw text too: a stamp must never be lost to line re-joining. Redaction
    comes before metadata so titles and signers are read from redacted text only. `extract=False`
    leaves out the tasks and the plan model (the ingest benchmark measures what they cost).
    """
    steps: list[TransformComponent] = [ClassificationGate(), Normalizer(), *(extra or []), MetadataExtractor(),
                                       ClassificationGate(), StructureParser()]
    if extract:
        steps += [TaskExtractor(), PlanExtractor()]
    return IngestionPipeline(transformations=steps, disable_cache=True)


def build_chunker(settings: Settings) -> SectionChunker:
    return SectionChunker(max_chars=settings.chunk.max_chars, min_chars=settings.chunk.min_chars)


def prepare(pipeline: IngestionPipeline, doc: Document) -> Document:
    out = pipeline.run(documents=[doc], show_progress=False)
    if len(out) != 1 or not isinstance(out[0], Document):
        raise RuntimeError("prepare pipeline must return exactly one Document")
    return out[0]


def chunk(chunker: SectionChunker, doc: Document) -> list[BaseNode]:
    return chunker.get_nodes_from_documents([doc])
