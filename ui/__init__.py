"""Gradio UI of troly, a thin client of the HTTP API, mounted at /ui by `troly serve`."""

import os

# No telemetry: Gradio reads this before any Blocks exists; the product never phones home.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
