"""`python -m assistant.cli …`: the same as the `troly` script."""

from assistant.cli import app

app()
