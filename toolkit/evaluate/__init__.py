"""Evaluation of the toolkit's analyses on annotated corpora (one module per corpus/task).

``python -m toolkit evaluate TASK PATH [options]`` (``make eval`` runs them all)

==========  ==========================================  ===============================
task        corpus (development split, given by path)   module
==========  ==========================================  ===============================
tempeval    TempEval-3 TimeML folders (.tml)            :mod:`toolkit.evaluate.tempeval`
polnear     BRAT attribution folders (PolNeAR)          :mod:`toolkit.evaluate.polnear`
speakers    PolNeAR split + ``--gold`` speaker reading  :mod:`toolkit.evaluate.speakers`
stances     PolNeAR texts + ``--gold`` stance reading   :mod:`toolkit.evaluate.stances`
directed    directed sentiment (Park et al. 2021) .txt  :mod:`toolkit.evaluate.sentiment`
newsmtsc    NewsMTSC .jsonl                             :mod:`toolkit.evaluate.sentiment`
brat        corrected brat files (``export brat``)      :mod:`toolkit.evaluate.brat`
all         a folder holding the corpora above          every task whose data is there
==========  ==========================================  ===============================

The corpora are not part of the repository: each task takes the path to them.

Besides the tasks: :mod:`toolkit.evaluate.train_portrayal` trains the portrayal model on NewsMTSC
(``python -m toolkit.evaluate.train_portrayal train PATH``), and :mod:`toolkit.evaluate.sentiment_data`
holds the sentiment corpora's readers and macro-F1 that it shares with the stance evaluation.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

#: task -> (module, arguments before the path, where the data sits inside an eval folder)
TASKS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "tempeval": ("toolkit.evaluate.tempeval", (), "tempeval3"),
    "polnear": ("toolkit.evaluate.polnear", (), "polnear/dev"),
    "speakers": ("toolkit.evaluate.speakers", (), "polnear/dev"),
    "stances": ("toolkit.evaluate.stances", (), "polnear/dev/text"),
    "directed": ("toolkit.evaluate.sentiment", ("directed",), "directed-sentiment/valid.txt"),
    "newsmtsc": ("toolkit.evaluate.sentiment", ("newsmtsc",), "newsmtsc/train.jsonl"),
    "brat": ("toolkit.evaluate.brat", (), "brat"),
}
#: Options `all` adds per task: the baselines measured in the same run, readings inside the eval folder
#: ("{root}" stands for it). A task whose reading is missing is skipped.
ALL_OPTIONS: dict[str, tuple[str, ...]] = {"directed": ("--baselines",), "newsmtsc": ("--baselines",),
                                           "speakers": ("--gold", "{root}/polnear-speakers"),
                                           "stances": ("--gold", "{root}/stance-reading")}


def usage() -> str:
    lines = ["usage: python -m toolkit evaluate TASK PATH [options]", "", "tasks:"]
    lines += [f"  {name:<9} {module}" for name, (module, _, _) in TASKS.items()]
    lines += ["  all       EVAL_DIR: every task whose data is inside EVAL_DIR (e.g. ../shared/eval)"]
    return "\n".join(lines)


def _run(task: str, rest: list[str]) -> int:
    module_name, prefix, _ = TASKS[task]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        print(f"evaluate: task {task!r} is not available in this version ({exc.name})", file=sys.stderr)
        return 2
    return int(module.main([*prefix, *rest]) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0
    task, rest = argv[0], argv[1:]
    if task == "all":
        if not rest:
            print("evaluate all: give the folder holding the corpora (e.g. ../shared/eval)", file=sys.stderr)
            return 2
        root = Path(rest[0])
        if not root.is_dir():
            print(f"evaluate all: {root}: no such folder", file=sys.stderr)
            return 2
        status = 0
        ran = 0
        for name, (_, _, where) in TASKS.items():
            path = root / where
            options = [o.replace("{root}", str(root)) for o in ALL_OPTIONS.get(name, ())]
            needed = [Path(t) for o, t in zip(ALL_OPTIONS.get(name, ()), options) if "{root}" in o]
            absent = [p for p in (path, *needed) if not p.exists()]
            if absent:
                print(f"== {name}: skipped ({absent[0]} not found)")
                continue
            print(f"== {name}: {path}", flush=True)
            status = max(status, _run(name, [str(path), *options, *rest[1:]]))
            ran += 1
        if not ran:
            print(f"evaluate all: no known corpus under {root}", file=sys.stderr)
            return 2
        return status
    if task not in TASKS:
        print(f"evaluate: unknown task {task!r}\n\n{usage()}", file=sys.stderr)
        return 2
    return _run(task, rest)
