"""Which files a batch run reads: a directory walked recursively, or a list
file with one path per line.

Paths are made absolute (not resolved through symlinks) so that they name the
same file for the client, for workers started elsewhere on a shared file
system, and for a later `--resume` started from another directory.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Union

from ..errors import InputError

# A list file is recognised when at least one of its first lines names an
# existing path; a gazette given by mistake would otherwise become thousands
# of "no such file" failures.
LIST_PROBE_LINES = 20


@dataclass(frozen=True)
class InputFile:
    path: str        # absolute
    size: int        # bytes at listing time (0 when it cannot be stat'ed)


def _stat_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def walk_directory(root: Union[str, Path], exclude: Iterable[Union[str, Path]] = ()) -> list[InputFile]:
    """Every regular file under `root`, in a stable (sorted) order. Hidden
    files and directories (a leading dot) are skipped, and so are the
    `exclude` directories (the output directory when it lies in the corpus)."""
    root = os.path.abspath(root)
    skip = {os.path.abspath(p) for p in exclude}
    files: list[InputFile] = []
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            raise InputError(directory, f"cannot be listed ({exc.strerror or exc})") from None
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path not in skip:
                        subdirs.append(entry.path)
                elif entry.is_file():
                    files.append(InputFile(entry.path, entry.stat().st_size))
            except OSError:
                continue          # vanished or unreadable entry: nothing to read
        stack.extend(reversed(subdirs))
    return files


def read_list_file(path: Union[str, Path]) -> list[InputFile]:
    """Paths from a list file: one per line, UTF-8; blank lines and lines
    starting with `#` are ignored; relative paths are taken relative to the
    current directory (as `find DIR > list` writes them). Repeats are dropped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "is neither a directory nor a list of files (not UTF-8 text)") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    names = [ln.strip() for ln in text.splitlines()]
    names = [n for n in names if n and not n.startswith("#")]
    if not names:
        raise InputError(path, "is an empty list of files")
    if not any(os.path.exists(n) for n in names[:LIST_PROBE_LINES]):
        raise InputError(path, "is neither a directory nor a list of files "
                               f"(none of its first {min(len(names), LIST_PROBE_LINES)} lines names an existing file)")
    seen: set[str] = set()
    files: list[InputFile] = []
    for name in names:
        absolute = os.path.abspath(name)
        if absolute not in seen:
            seen.add(absolute)
            files.append(InputFile(absolute, _stat_size(absolute)))
    return files


def list_inputs(inputs, exclude: Iterable[Union[str, Path]] = ()) -> list[InputFile]:
    """`inputs` is a directory, a list file, or an iterable of paths."""
    if isinstance(inputs, (str, os.PathLike)):
        if os.path.isdir(inputs):
            return walk_directory(inputs, exclude)
        if not os.path.exists(inputs):
            raise InputError(inputs, "no such directory or list file")
        return read_list_file(inputs)
    seen: set[str] = set()
    files: list[InputFile] = []
    for name in inputs:
        absolute = os.path.abspath(name)
        if absolute not in seen:
            seen.add(absolute)
            files.append(InputFile(absolute, _stat_size(absolute)))
    return files

