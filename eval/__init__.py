"""Offline evaluation: gold datasets, metrics, reports and the quality gate."""
