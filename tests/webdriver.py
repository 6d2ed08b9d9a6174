"""A minimal W3C WebDriver client for the browser tests: headless Chromium through chromedriver.

Only what the tests need (open a page, find elements, click, type, read text and attributes, run a
script), over the WebDriver HTTP protocol with the standard library, so the tests need no browser
automation package. ``.ci/run`` installs Debian's ``chromium`` and ``chromium-driver``.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def chromedriver() -> str | None:
    return shutil.which("chromedriver") or next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
                                                  if os.path.exists(p)), None)


def chromium() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "chromium-headless-shell",
                                            "google-chrome") if shutil.which(n)), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, base: str, session: str) -> None:
        self.base, self.session = base, session

    def _call(self, method: str, path: str, body: dict | None = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.base}/session/{self.session}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read())["value"]

    def open(self, path: Path) -> None:
        self._call("POST", "/url", {"url": path.resolve().as_uri()})

    def find_all(self, css: str) -> list[str]:
        found = self._call("POST", "/elements", {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]  # type: ignore[union-attr]

    def click(self, element: str) -> None:
        self._call("POST", f"/element/{element}/click", {})

    def type(self, element: str, text: str) -> None:
        self._call("POST", f"/element/{element}/value", {"text": text})

    def text(self, element: str) -> str:
        return str(self._call("GET", f"/element/{element}/text"))

    def attribute(self, element: str, name: str) -> str | None:
        return self.script(f"return arguments[0].getAttribute({json.dumps(name)});", {ELEMENT: element})

    def displayed(self, element: str) -> bool:
        return bool(self._call("GET", f"/element/{element}/displayed"))

    def script(self, source: str, *args: object) -> object:
        return self._call("POST", "/execute/sync", {"script": source, "args": list(args)})


@contextmanager
def browser():
    """A headless Chromium session, closed afterwards."""
    driver, binary = chromedriver(), chromium()
    if not driver or not binary:
        raise RuntimeError("chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)")
    port = _free_port()
    proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/status", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": binary, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                       "--window-size=1280,900"]}}}}
        req = urllib.request.Request(f"{base}/session", data=json.dumps(caps).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            session = json.loads(resp.read())["value"]["sessionId"]
        b = Browser(base, session)
        try:
            yield b
        finally:
            try:
                urllib.request.urlopen(urllib.request.Request(f"{base}/session/{session}", method="DELETE"),
                                       timeout=10)
            except OSError:
                pass
    finally:
        proc.terminate()
        proc.wait(timeout=10)
