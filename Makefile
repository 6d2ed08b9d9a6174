# News-analysis toolkit: the everyday commands. Each target sets up what it needs.
#
#   make report   annotate seeds/ and render the HTML report into outputs/<run>/
#   make test     run the test suite
#   make lab      open the notebooks in JupyterLab (project kernel inside .venv)
#   make bench    throughput figures       make eval   score the analyses on $(EVAL_DIR)
#   make clean    remove .venv and build/test caches (outputs/ is kept)
#
# The virtualenv is created once with `python3 -m venv`; each set of extras is
# (re)installed only when pyproject.toml changes (stamp files inside .venv).

PYTHON   ?= python3
VENV     ?= .venv
CORPUS   ?= seeds/
EVAL_DIR ?= ../shared/eval
KERNEL   ?= news-analysis-toolkit
# Extra options for `jupyter lab` (e.g. LAB_ARGS=--no-browser); root (containers) always gets --allow-root.
LAB_ARGS ?=
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

BIN := $(VENV)/bin
PY  := $(BIN)/python
PIP := $(PY) -m pip --disable-pip-version-check -q

# Offline NLTK data: if NLTK_DATA is not set, use ../shared/nltk_data beside this repository, or
# beside the repository it was cloned from (as .ci/run does), when that folder exists.
ifeq ($(origin NLTK_DATA),undefined)
  ORIGIN_DIR  := $(patsubst file://%,%,$(shell git -C $(CURDIR) remote get-url origin 2>/dev/null))
  SHARED_NLTK := $(firstword $(wildcard $(abspath $(CURDIR)/../shared/nltk_data) \
                   $(if $(ORIGIN_DIR),$(abspath $(ORIGIN_DIR)/../shared/nltk_data))))
  ifneq ($(SHARED_NLTK),)
    export NLTK_DATA := $(SHARED_NLTK)
  endif
endif

.PHONY: report test lab bench bench-corpus eval setup clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-base: pyproject.toml | $(PY)
	@echo "installing the toolkit and its dependencies into $(VENV) (a minute or two, once)"
	$(PIP) install -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml | $(PY)
	@echo "installing the toolkit with its test dependencies into $(VENV) (a minute or two, once)"
	$(PIP) install -e '.[dev]'
	touch $@

$(VENV)/.stamp-lab: pyproject.toml | $(PY)
	@echo "installing JupyterLab into $(VENV) (a minute or two, once)"
	$(PIP) install -e '.[lab]'
	touch $@

setup: $(VENV)/.stamp-base
	$(PY) -m toolkit setup

report: $(VENV)/.stamp-base setup
	$(PY) -m toolkit report $(CORPUS)

test: $(VENV)/.stamp-dev setup
	$(PY) -m pytest

lab: $(VENV)/.stamp-lab setup
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))"
	$(BIN)/jupyter lab $(LAB_ROOT) $(LAB_ARGS) notebooks/

bench: $(VENV)/.stamp-base setup
	$(PY) -m toolkit bench

bench-corpus: $(VENV)/.stamp-base setup
	$(PY) -m toolkit bench --corpus-sizes 1000,5000

eval: $(VENV)/.stamp-base setup
	$(PY) -m toolkit evaluate all $(EVAL_DIR)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
