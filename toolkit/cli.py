"""Command line: ``python -m toolkit <command> ...``.

Thin dispatch only: each command lives in the module that owns it and exposes
``main(argv) -> int``, so the commands stay testable as plain functions.

The commands, their one-line help and the module that owns each are :data:`COMMANDS`:

    >>> print(usage())
    usage: python -m toolkit <command> [options]
    <BLANKLINE>
    commands:
      annotate  articles in, the annotate contract (JSON Lines) out
      report    annotate a corpus once, run every notebook, write the HTML report
      setup     make sure the NLTK data is there (downloads only what is missing)
      evaluate  score an analysis on an annotated corpus (polnear, tempeval, ...)
      export    a run's annotations for brat/INCEpTION or Label Studio, to correct them
      bench     throughput in words/s beside a bare-NLTK baseline
    <BLANKLINE>
    python -m toolkit <command> --help tells more.
"""
from __future__ import annotations

import importlib
import sys

#: command -> (the module whose ``main(argv)`` runs it, one line of help)
COMMANDS = {
    "annotate": ("toolkit.annotate", "articles in, the annotate contract (JSON Lines) out"),
    "report": ("toolkit.report.run", "annotate a corpus once, run every notebook, write the HTML report"),
    "setup": ("toolkit.nltkdata", "make sure the NLTK data is there (downloads only what is missing)"),
    "evaluate": ("toolkit.evaluate", "score an analysis on an annotated corpus (polnear, tempeval, ...)"),
    "export": ("toolkit.export", "a run's annotations for brat/INCEpTION or Label Studio, to correct them"),
    "bench": ("toolkit.bench", "throughput in words/s beside a bare-NLTK baseline"),
}


def usage() -> str:
    """The top-level help: every command with its line of help.

    >>> usage().splitlines()[3]
    '  annotate  articles in, the annotate contract (JSON Lines) out'
    """
    lines = ["usage: python -m toolkit <command> [options]", "", "commands:"]
    lines += [f"  {name:<9} {help_}" for name, (_, help_) in COMMANDS.items()]
    lines += ["", "python -m toolkit <command> --help tells more."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status (2 for an unknown command or an incomplete set-up).

    >>> main(["--version"])
    0.1.0
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    if argv[0] in ("-V", "--version"):
        from toolkit import __version__
        print(__version__)
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"toolkit: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    from toolkit.nltkdata import MissingNLTKData
    from toolkit.resources import MissingData

    module = importlib.import_module(COMMANDS[name][0])
    try:
        if name != "setup" and not any(a in ("-h", "--help") for a in rest):
            from toolkit.nltkdata import ensure

            ensure(download=False)  # fail before any work, with the list of what is missing
        return int(module.main(rest) or 0)
    except (MissingNLTKData, MissingData) as exc:  # an incomplete set-up: say what is missing, no traceback
        print(f"toolkit {name}: {exc}", file=sys.stderr)
        return 2
