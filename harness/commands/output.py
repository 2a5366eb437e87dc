"""Writing a command's output file: its folder must exist (bad input otherwise: one line, exit 2)."""

from __future__ import annotations

from pathlib import Path

from harness.errors import HarnessError


def check_output(path: Path) -> None:
    """An output file's folder must exist (bad input otherwise: one line, exit 2)."""
    parent = path.expanduser().resolve().parent
    if not parent.is_dir():
        raise HarnessError(f"cannot write {path}: folder {parent} does not exist")
    if path.is_dir():
        raise HarnessError(f"cannot write {path}: it is a folder")


def write_output(path: Path, text: str) -> None:
    check_output(path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise HarnessError(f"cannot write {path}: {exc.strerror}") from None
