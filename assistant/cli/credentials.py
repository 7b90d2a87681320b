"""The API key of the local user, saved by `troly login` (and by `troly users bootstrap` for the admin it
creates): one file readable by its owner only, under the user's config directory, used by every command
that is given no --api-key and no TROLY_API_KEY."""

from __future__ import annotations

import os
from pathlib import Path

FILE_NAME = "khoa-api"


def key_file() -> Path:
    """$XDG_CONFIG_HOME/troly/khoa-api (~/.config/troly/khoa-api by default)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "troly" / FILE_NAME


def saved_key() -> str | None:
    """The saved key, if there is one and nobody else can read it (a key others could read is not used)."""
    path = key_file()
    try:
        if path.stat().st_mode & 0o077:
            return None
        key = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return key or None


def save_key(key: str) -> Path:
    """Write the key with mode 0600 (in a 0700 folder), replacing any earlier one atomically."""
    path = key_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key.strip() + "\n")
    os.replace(temporary, path)
    return path


def forget_key() -> bool:
    """Remove the saved key; False when there was none."""
    try:
        key_file().unlink()
    except FileNotFoundError:
        return False
    return True
