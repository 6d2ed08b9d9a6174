"""toolkit.nltkdata: use what is there, download only the gaps, and say clearly what is missing."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import nltk
import pytest

from toolkit import nltkdata
from toolkit.nltkdata import REQUIRED, MissingNLTKData


def require_all_data() -> None:
    """Skip unless NLTK finds every package where it looks (NLTK_DATA is set by .ci/run or conftest)."""
    if nltkdata.missing():
        pytest.skip(f"NLTK data missing here: {', '.join(nltkdata.missing())}")


@pytest.fixture(scope="module")
def source_data() -> Path:
    """A folder of NLTK_DATA holding every package, to copy packages from."""
    folders = [f for f in os.environ.get("NLTK_DATA", "").split(os.pathsep) if f]
    for folder in folders:
        packages = [Path(folder) / REQUIRED[p].split("/")[0] / p for p in REQUIRED]
        if all(p.is_dir() and p.with_suffix(".zip").is_file() for p in packages):
            return Path(folder)
    pytest.skip("no NLTK_DATA folder holding every package both zipped and unpacked")


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """NLTK searching only a private temp folder (plus nothing else), and downloads recorded."""
    data = tmp_path / "nltk_data"
    data.mkdir(mode=0o700)
    monkeypatch.setenv("NLTK_DATA", str(data))
    monkeypatch.setattr(nltk.data, "path", [str(data)])
    calls: list[tuple[str, str | None]] = []
    monkeypatch.setattr(nltk, "download", lambda pkg, **kw: calls.append((pkg, kw.get("download_dir"))) or False)
    return data, calls


def install(source: Path, target: Path, package: str, *, zipped: bool) -> None:
    """Copy one package from ``source`` to ``target``, as a folder or as its .zip only."""
    category = REQUIRED[package].split("/")[0]
    (target / category).mkdir(parents=True, exist_ok=True)
    if zipped:
        shutil.copy(source / category / f"{package}.zip", target / category / f"{package}.zip")
    else:
        shutil.copytree(source / category / package, target / category / package)


def test_present_data_means_nothing_is_downloaded(monkeypatch):
    require_all_data()
    calls = []
    monkeypatch.setattr(nltk, "download", lambda *a, **kw: calls.append(a) or True)
    result = nltkdata.ensure(download=True)
    assert calls == []
    assert sorted(result.found) == sorted(REQUIRED) and result.downloaded == {} and result.missing == []
    assert nltkdata.missing() == []


@pytest.mark.parametrize("zipped", [True, False], ids=["zip-only", "unpacked"])
def test_a_package_counts_as_present_zipped_or_unpacked(source_data, isolated, zipped):
    data, _ = isolated
    for package in REQUIRED:
        install(source_data, data, package, zipped=zipped)
    assert nltkdata.missing() == []
    where = nltkdata.require("punkt_tab")
    assert where.startswith(str(data)) and (".zip" in where) == zipped


def test_missing_package_with_download_disabled_names_it(source_data, isolated):
    data, calls = isolated
    for package in REQUIRED:
        if package != "vader_lexicon":
            install(source_data, data, package, zipped=True)
    assert nltkdata.missing() == ["vader_lexicon"]
    with pytest.raises(MissingNLTKData) as info:
        nltkdata.ensure(download=False)
    assert calls == []
    message = str(info.value)
    assert info.value.packages == ["vader_lexicon"]
    assert "vader_lexicon" in message.splitlines()[0]
    assert "NLTK_DATA" in message
    assert "python -m nltk.downloader -d DIR vader_lexicon" in message


def test_require_raises_the_same_clear_error(isolated):
    with pytest.raises(MissingNLTKData, match="NLTK data missing: stopwords"):
        nltkdata.require("stopwords")


def test_only_missing_packages_are_downloaded(source_data, isolated, tmp_path, monkeypatch):
    data, _ = isolated
    for package in REQUIRED:
        if package not in ("words", "names"):
            install(source_data, data, package, zipped=True)
    target = tmp_path / "downloads"
    fetched: list[str] = []

    def fake_download(package, *, download_dir=None, **kw):  # stands in for NLTK's server
        fetched.append(package)
        install(source_data, Path(download_dir), package, zipped=True)
        return True

    monkeypatch.setattr(nltk, "download", fake_download)
    result = nltkdata.ensure(download=True, download_dir=target)
    assert fetched == ["words", "names"]
    assert sorted(result.downloaded) == ["names", "words"]
    assert all(where.startswith(str(target)) for where in result.downloaded.values())
    assert result.missing == [] and nltkdata.missing() == []


def test_offline_download_fails_fast_with_the_reason(isolated, tmp_path, monkeypatch):
    def offline(package, **kw):
        raise ValueError(f"Error loading {package}: <urlopen error [Errno -3] Temporary failure in name resolution>")

    attempts = []
    monkeypatch.setattr(nltk, "download", lambda package, **kw: attempts.append(package) or offline(package))
    with pytest.raises(MissingNLTKData) as info:
        nltkdata.ensure(download=True, download_dir=tmp_path / "dl")
    assert attempts == ["punkt_tab"]  # no network: the first failure stops the rest
    assert info.value.packages == list(REQUIRED)
    assert "name resolution" in str(info.value)


def test_setup_command_reports_found_and_missing(source_data, isolated, capsys):
    data, _ = isolated
    install(source_data, data, "words", zipped=True)
    assert nltkdata.main(["--no-download"]) == 1
    out, err = capsys.readouterr()
    assert "found       words" in out
    assert "missing     punkt_tab" in out
    assert "NLTK data missing:" in err and "gazetteers" in err


def test_setup_command_succeeds_when_all_is_there(capsys):
    require_all_data()
    assert nltkdata.main(["--no-download"]) == 0
    out = capsys.readouterr().out
    assert all(package in out for package in REQUIRED)
    assert "NLTK data ready (8 found, 0 downloaded)" in out


def test_remember_in_venv_links_the_data_folder(tmp_path, monkeypatch):
    data = tmp_path / "nltk_data"
    data.mkdir()
    venv = tmp_path / "venv"
    venv.mkdir()
    monkeypatch.setenv("NLTK_DATA", str(data))
    link = nltkdata.remember_in_venv(prefix=str(venv))
    assert link == str(venv / "nltk_data") and (venv / "nltk_data").resolve() == data.resolve()
    assert nltkdata.remember_in_venv(prefix=str(venv)) is None  # already there: left alone


def test_remember_in_venv_needs_nltk_data(tmp_path, monkeypatch):
    monkeypatch.delenv("NLTK_DATA", raising=False)
    assert nltkdata.remember_in_venv(prefix=str(tmp_path)) is None
