"""The one way the checker opens a file: a regular file, inside its folder, read with a bound.

Every file the checker reads (record files, snapshots, translation catalogs, chart specs) comes
through :func:`read_bounded`, so no input can make it wait on a FIFO, read a device until memory
runs out, or follow a link out of the fact base.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# A fact file or snapshot is at most a few hundred KB; 5 MiB leaves room for large synthetic
# benches and stops a hostile 50 MB file before anything spends seconds on it.
MAX_FILE_BYTES = 5 * 1024 * 1024


class FileRefused(Exception):
    """A file that cannot be read safely; the fields become a :class:`Problem`.

    (A plain class: a frozen dataclass cannot be raised, as raising sets ``__traceback__``.)
    """

    def __init__(self, code: str, message: str, expected: str, fix: str) -> None:
        super().__init__(message)
        self.code, self.message, self.expected, self.fix = code, message, expected, fix


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, after resolving every link, lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop on old Pythons
        return False
    return True


def read_bounded(path: Path, root: Path | None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file inside ``root`` (if given), refused above ``limit`` bytes.

    The file is opened without blocking (a FIFO would otherwise wait for a writer forever) and
    its type is checked on the open descriptor, so a file swapped for a FIFO after the check is
    still refused; at most ``limit + 1`` bytes are ever read, so a file that grows is bounded too.
    """
    if root is not None and not inside(root, path):
        raise FileRefused(
            "path-outside-facts",
            "this file is a link to a place outside facts/",
            "regular files inside facts/",
            "replace the link with the file itself",
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise _not_regular("a folder") from None
    except OSError as error:
        raise FileRefused(
            "file-unreadable",
            f"cannot read file: {error.strerror}",
            "a regular, readable file",
            "check the file's permissions and that it exists",
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _not_regular("a folder")
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular("a pipe, socket or device")
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise _too_large(len(data), limit)
        return data
    except OSError as error:
        raise FileRefused(
            "file-unreadable",
            f"cannot read file: {error.strerror}",
            "a regular, readable file",
            "check the file's permissions",
        ) from None
    finally:
        os.close(fd)


def _not_regular(what: str) -> FileRefused:
    return FileRefused(
        "file-unreadable",
        f"this is {what}, not a regular file",
        "a regular, readable file",
        "replace it with an ordinary file (or rename a folder whose name ends in .yml)",
    )


def _too_large(size: int, limit: int) -> FileRefused:
    return FileRefused(
        "file-too-large",
        f"file is {size:,} bytes, over the limit of {limit:,}",
        f"at most {limit:,} bytes per file",
        "split the records into several files of one topic each",
    )
