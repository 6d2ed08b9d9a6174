"""The NLTK data the toolkit needs: find it, download only the gaps, or say how to provide it.

``python -m toolkit setup [--download-dir DIR] [--no-download]``

NLTK looks for its data in the folders of ``NLTK_DATA`` and then its usual places
(``~/nltk_data``, ``/usr/share/nltk_data``, the Python prefix...). A package counts as
present whether it is unpacked or still a ``.zip``. On a machine without network,
point ``NLTK_DATA`` at a folder that holds the packages (e.g. a copy made on a
connected machine with ``python -m nltk.downloader -d DIR punkt_tab ...``).

Library code calls :func:`require` lazily, so a missing package fails with the
same clear message wherever it is first needed.

Example::

    >>> missing({"punkt_tab": REQUIRED["punkt_tab"]})   # with NLTK_DATA set
    []
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import socket
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["REQUIRED", "MissingNLTKData", "SetupResult", "locate", "missing", "ensure", "require",
           "remember_in_venv", "main"]

#: NLTK package name -> a resource path inside it that proves it is installed.
#: Folder resources end with "/" so that NLTK also finds them inside a zipped package.
REQUIRED: dict[str, str] = {
    "punkt_tab": "tokenizers/punkt_tab/english/",
    "averaged_perceptron_tagger_eng": "taggers/averaged_perceptron_tagger_eng/",
    "vader_lexicon": "sentiment/vader_lexicon/vader_lexicon.txt",
    "opinion_lexicon": "corpora/opinion_lexicon/",
    "stopwords": "corpora/stopwords/",
    "words": "corpora/words/",
    "names": "corpora/names/",
    "gazetteers": "corpora/gazetteers/",
}

#: Seconds to wait for NLTK's download server before giving up (offline machines fail fast).
DOWNLOAD_TIMEOUT = 10.0


class MissingNLTKData(LookupError):
    """Some NLTK packages are not installed; the message says which and how to provide them."""

    def __init__(self, packages: Iterable[str], *, detail: str | None = None) -> None:
        self.packages = list(packages)
        self.detail = detail
        names = " ".join(self.packages)
        lines = [f"NLTK data missing: {', '.join(self.packages)}."]
        if detail:
            lines.append(f"Download failed: {detail}")
        lines += [
            "Provide it in one of these ways:",
            "  - set NLTK_DATA to a folder that holds these packages, e.g. export NLTK_DATA=/path/to/nltk_data",
            f"  - on a machine with network: python -m nltk.downloader -d DIR {names}",
            "    then copy DIR to this machine and set NLTK_DATA=DIR",
            "  - or, with network here: python -m toolkit setup [--download-dir DIR]",
            f"Searched: {', '.join(_search_path()) or '(nothing)'}",
        ]
        super().__init__("\n".join(lines))

    def __reduce__(self):  # keep the exception picklable (process pools)
        return (_rebuild_missing, (self.packages, self.detail))


def _rebuild_missing(packages: list[str], detail: str | None) -> MissingNLTKData:
    return MissingNLTKData(packages, detail=detail)


@dataclass(slots=True)
class SetupResult:
    """What :func:`ensure` found, fetched and could not get."""

    found: dict[str, str] = field(default_factory=dict)
    downloaded: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def _search_path() -> list[str]:
    import nltk

    return [str(p) for p in nltk.data.path]


def _resources(packages: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    if isinstance(packages, Mapping):
        return dict(packages)
    out = {}
    for name in packages:
        if name not in REQUIRED:
            raise KeyError(f"unknown NLTK package {name!r}; known: {', '.join(REQUIRED)}")
        out[name] = REQUIRED[name]
    return out


def locate(packages: Mapping[str, str] | Iterable[str] = REQUIRED) -> dict[str, str | None]:
    """Where each package was found (a folder or ``.zip`` path), or ``None`` if it was not.

    >>> where = locate(["punkt_tab"])["punkt_tab"]   # with NLTK_DATA set
    >>> "punkt_tab" in where
    True
    >>> locate({"nothing": "corpora/no_such_package/"})
    {'nothing': None}
    """
    import nltk

    where: dict[str, str | None] = {}
    for package, resource in _resources(packages).items():
        try:
            where[package] = str(nltk.data.find(resource))
        except (LookupError, OSError, ValueError):
            where[package] = None
    return where


def missing(packages: Mapping[str, str] | Iterable[str] = REQUIRED) -> list[str]:
    """Names of the packages NLTK cannot find (zipped packages count as present).

    >>> missing(["punkt_tab"]), missing({"nothing": "corpora/no_such_package/"})
    ([], ['nothing'])
    """
    return [name for name, where in locate(packages).items() if where is None]


def _download(package: str, download_dir: str | None, timeout: float) -> str | None:
    """Download one package; return None on success, else the reason it failed."""
    import nltk

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter), contextlib.redirect_stderr(chatter):
            ok = nltk.download(package, download_dir=download_dir, quiet=True, raise_on_error=True,
                               print_error_to=chatter)
        return None if ok else (chatter.getvalue().strip() or "the downloader reported failure")
    except Exception as exc:  # noqa: BLE001 - network errors come in many types; all mean "not fetched"
        return f"{type(exc).__name__}: {exc}"
    finally:
        socket.setdefaulttimeout(previous)


def _unreachable(reason: str) -> bool:
    """True when a download failed for want of a network, not because of one package."""
    reason = reason.lower()
    return any(word in reason for word in ("urlopen", "timed out", "errno", "connection", "network"))


def ensure(*, packages: Mapping[str, str] | Iterable[str] = REQUIRED, download: bool = True,
           download_dir: str | os.PathLike | None = None, timeout: float = DOWNLOAD_TIMEOUT) -> SetupResult:
    """Make every package findable: use what is there, download only what is missing.

    Raises :class:`MissingNLTKData` naming what is still missing (and why the download
    failed). ``download_dir`` defaults to NLTK's own choice (``~/nltk_data``); it is
    added to ``nltk.data.path`` for this process.

    >>> ensure(download=False).missing   # with NLTK_DATA set
    []
    """
    import nltk

    resources = _resources(packages)
    result = SetupResult()
    for name, where in locate(resources).items():
        if where is None:
            result.missing.append(name)
        else:
            result.found[name] = where
    if not result.missing:
        return result
    if not download:
        raise MissingNLTKData(result.missing)

    target = os.fspath(download_dir) if download_dir is not None else None
    if target is not None:
        os.makedirs(target, exist_ok=True)
        if target not in nltk.data.path:
            nltk.data.path.insert(0, target)
    failures: dict[str, str] = {}
    for name in list(result.missing):
        reason = _download(name, target, timeout)
        if reason is not None:
            failures[name] = reason
            if _unreachable(reason):  # every further package would fail the same way: fail fast
                break
    for name, where in locate({n: resources[n] for n in result.missing}).items():
        if where is not None:
            result.downloaded[name] = where
    result.missing = [n for n in result.missing if n not in result.downloaded]
    if result.missing:
        detail = next(iter(failures.values()), None) or (
            "downloaded, but NLTK cannot read it there (is the folder private to you?)")
        raise MissingNLTKData(result.missing, detail=" ".join(detail.split())[:300])
    return result


def require(package: str) -> str:
    """Return where ``package`` is, or raise :class:`MissingNLTKData` with how to provide it.

    For library code, called lazily just before the data is used (with NLTK_DATA set):

    >>> "vader_lexicon" in require("vader_lexicon")
    True
    """
    where = locate([package])[package]
    if where is None:
        raise MissingNLTKData([package])
    return where


def remember_in_venv(*, prefix: str | None = None) -> str | None:
    """Link ``<venv>/nltk_data`` to the ``NLTK_DATA`` folder in use; return the link made, if any.

    NLTK always looks in ``sys.prefix/nltk_data``, so after ``make report`` with
    ``NLTK_DATA`` set once, the project's Python (and its Jupyter kernel) keep finding
    the data without the variable. Nothing happens outside a virtual environment, when
    ``NLTK_DATA`` is unset, or when ``<venv>/nltk_data`` already exists.

    >>> import pathlib, tempfile
    >>> venv = pathlib.Path(tempfile.mkdtemp())
    >>> (venv / "nltk_data").mkdir()
    >>> remember_in_venv(prefix=str(venv)) is None   # already there: left alone
    True
    """
    prefix = prefix or sys.prefix
    if prefix == sys.base_prefix and prefix == sys.prefix:
        return None
    folders = [f for f in os.environ.get("NLTK_DATA", "").split(os.pathsep) if f and os.path.isdir(f)]
    link = os.path.join(prefix, "nltk_data")
    if not folders or os.path.lexists(link):
        return None
    try:
        os.symlink(os.path.abspath(folders[0]), link, target_is_directory=True)
    except OSError:
        return None
    return link


def main(argv: list[str] | None = None) -> int:
    """``python -m toolkit setup``: report found / downloaded / missing NLTK data."""
    parser = argparse.ArgumentParser(
        prog="python -m toolkit setup",
        description="Make sure the NLTK data the toolkit needs is there; download only what is missing.")
    parser.add_argument("--download-dir", metavar="DIR",
                        help="download missing packages here (default: NLTK's choice, usually ~/nltk_data)")
    parser.add_argument("--no-download", action="store_true", help="only check; never touch the network")
    args = parser.parse_args(argv)

    if os.environ.get("NLTK_DATA"):
        print(f"NLTK_DATA={os.environ['NLTK_DATA']}")
    try:
        result = ensure(download=not args.no_download, download_dir=args.download_dir)
    except MissingNLTKData as exc:
        found = {k: v for k, v in locate().items() if v is not None}
        for name, where in found.items():
            print(f"found       {name:<32} {where}")
        for name in exc.packages:
            print(f"missing     {name}")
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, where in result.found.items():
        print(f"found       {name:<32} {where}")
    for name, where in result.downloaded.items():
        print(f"downloaded  {name:<32} {where}")
    print(f"NLTK data ready ({len(result.found)} found, {len(result.downloaded)} downloaded).")
    link = remember_in_venv()
    if link:
        print(f"linked {link} -> {os.readlink(link)}: this environment finds the data without NLTK_DATA.")
    if result.downloaded and args.download_dir and args.download_dir not in os.environ.get("NLTK_DATA", ""):
        print(f"note: set NLTK_DATA={os.path.abspath(args.download_dir)} so later runs find it.")
    return 0
