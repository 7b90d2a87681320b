"""Trợ lý kế hoạch: citation-backed assistant over Vietnamese plan documents."""

__version__ = "0.1.0"
