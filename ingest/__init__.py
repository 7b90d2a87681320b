"""Ingestion pipeline: one module per stage (load, normalize, metadata, gate, structure, chunk)."""
