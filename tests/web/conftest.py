"""Fixtures for the browser tests: the app served by uvicorn in a thread, Debian's
Chromium driven by Playwright (never a downloaded browser), and a page that records
everything that must not happen (dialogs, console errors, requests leaving 127.0.0.1)."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, expect  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(sample_store: Path) -> Iterator[str]:
    """Base URL of the app over the sample store, served on a free localhost port."""
    import uvicorn

    from hodo.api import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # bound before the thread starts: no race for the port
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(sample_store), log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts(repo: Path) -> Path:
    """Where screenshots go: $HODO_ARTIFACTS, else out/test-artifacts/ in the repository."""
    path = Path(os.environ.get("HODO_ARTIFACTS", "out/test-artifacts"))
    if not path.is_absolute():
        path = repo / path
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class UI:
    """A browser page on the app, with what went wrong on it."""

    page: Page
    base: str
    artifacts: Path
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    # console errors a test expects (the browser logs every 4xx answer it receives)
    expected_errors: list[re.Pattern[str]] = field(default_factory=list)

    def go(self, route: str) -> None:
        """Open a route of the UI, e.g. '#/search?q=プーチン'."""
        self.page.goto(f"{self.base}/{route}")

    def shown(self, view: str) -> None:
        """Wait until `view` (search, doc, entity, timeline, …) has finished rendering."""
        expect(self.page.locator(f'#view[data-view="{view}"]:not([aria-busy])')).to_be_attached()

    def shot(self, name: str, *, full_page: bool = True) -> None:
        self.page.screenshot(path=str(self.artifacts / f"{name}.png"), full_page=full_page)

    def expect_console_error(self, pattern: str) -> None:
        self.expected_errors.append(re.compile(pattern))

    def problems(self) -> list[str]:
        unexpected = [m for m in self.console_errors if not any(p.search(m) for p in self.expected_errors)]
        return [
            *(f"dialog opened: {m}" for m in self.dialogs),
            *(f"console error: {m}" for m in unexpected),
            *(f"page error: {m}" for m in self.page_errors),
            *(f"request to another host: {u}" for u in self.foreign_requests),
            *(f"request failed: {u}" for u in self.failed_requests),
        ]


@pytest.fixture
def ui(chromium: Browser, server: str, artifacts: Path) -> Iterator[UI]:
    context = chromium.new_context(viewport={"width": 1360, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(10_000)
    ui = UI(page=page, base=server, artifacts=artifacts)

    def on_dialog(dialog):  # type: ignore[no-untyped-def]
        ui.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            ui.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def on_request(request: Request) -> None:
        if not request.url.startswith(server + "/") and not request.url.startswith("data:"):
            ui.foreign_requests.append(request.url)

    def on_request_failed(request: Request) -> None:
        ui.failed_requests.append(f"{request.url}: {request.failure}")

    def only_local(route: Route) -> None:
        # nothing may leave the machine: anything not for the app is refused, and recorded
        if route.request.url.startswith(server + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            route.abort()

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda err: ui.page_errors.append(str(err)))
    page.on("request", on_request)
    page.on("requestfailed", on_request_failed)
    context.route("**/*", only_local)
    try:
        yield ui
        assert not ui.problems(), "\n".join(ui.problems())
    finally:
        context.close()
