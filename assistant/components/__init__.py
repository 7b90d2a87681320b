"""Wrappers around infrastructure: embeddings, sparse encoding, Qdrant, registry DB."""
