"""Atomic file writes: a reader never sees half a file.

Every output of a run (CSV, PNG, HTML, executed notebooks) is written to a
temporary file in the destination folder and moved into place with
:func:`os.replace`, which is atomic on one file system. A crash leaves either
the old file or the new one, never a truncated mix.

Example::

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_text(folder / "hello.txt", "hi\\n").read_text()
    'hi\\n'
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_bytes", "write_text", "sha256", "file_stem", "FILE_MODE"]


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: Permissions of a newly created file under this process's umask (mkstemp alone gives 0600).
FILE_MODE = _file_mode()


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it onto ``path``.

    For writers that insist on a file name (``savefig``, ``papermill``). The temp
    name keeps the extension (or ``suffix``) so such writers pick the right format.
    On error the temporary file is removed and ``path`` is left untouched.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("x\\n")
    >>> target.read_text()
    'x\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix if suffix is not None else path.suffix,
                               dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        os.chmod(tmp_path, FILE_MODE)
        yield tmp_path
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; return the path.

    >>> import tempfile, pathlib
    >>> write_bytes(pathlib.Path(tempfile.mkdtemp()) / "sub" / "b.bin", b"\\x00\\x01").read_bytes()
    b'\\x00\\x01'
    """
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (no newline translation); return the path.

    >>> import tempfile, pathlib
    >>> write_text(pathlib.Path(tempfile.mkdtemp()) / "crlf.txt", "a\\r\\nb").read_bytes()
    b'a\\r\\nb'
    """
    return write_bytes(path, text.encode(encoding))


def sha256(path: str | os.PathLike, *, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "e"
    >>> _ = p.write_bytes(b"")
    >>> sha256(p)[:12]
    'e3b0c44298fc'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_stem(doc_id: str, *, index: int = 0) -> str:
    """A file name for an article id: its safe characters, else its place in the corpus.

    >>> file_stem("reuters/2024-10-21 story"), file_stem("../x"), file_stem("", index=3)
    ('reuters_2024-10-21_story', 'x', 'article-3')
    """
    stem = _UNSAFE.sub("_", doc_id or "").strip("._")
    return stem[:120] or f"article-{index}"
