"""Browser-test fixtures: the real app on a loopback port over the sample bank, users with API keys, and Debian's
Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from api.app import create_app
from assistant.container import Rapport
from assistant.settings import Settings
from assistant.users import User
from tests.conftest import REPO, SAMPLE_BANK
from tests.servers import serving

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENSHOTS = REPO / "docs" / "screenshots"
VIEWPORT: ViewportSize = {"width": 1366, "height": 768}
# The first question warms the models up; on 2 shared cores that can take a while (a limit, not a timed assertion).
expect.set_options(timeout=30_000)

# Counts text pieces appended to a text node in place: the console does that only for streamed deltas (the final
# answer replaces nodes), so a count above zero means a delta reached the page before `done`.
DELTA_PROBE = """
new MutationObserver((records) => {
  const n = records.filter((r) => r.type === "characterData" && r.target.data).length;
  if (n) document.documentElement.dataset.deltas = String(Number(document.documentElement.dataset.deltas || 0) + n);
}).observe(document, { subtree: true, characterData: true });
"""


@dataclass(frozen=True)
class Console:
    """The running console: its URL, the API key of each test user, and the profile store to read names from."""

    url: str
    keys: dict[str, str]
    rapport: Rapport


def _users(rapport: Rapport) -> list[User]:
    def name(client_id: str) -> str:
        profile = rapport.profiles.get(client_id)
        assert profile is not None, client_id
        return profile.display_name

    return [
        User("browser-advisor", "advisor", "Ilze Kalniņa", advisor_id="ikalnina", language="en"),
        User("browser-client-lv", "client", name("C1001"), client_id="C1001", language="lv"),
        User("browser-client-zh", "client", name("C1042"), client_id="C1042", language="zh"),
        User("browser-trainer", "trainer", "Trainer", language="en"),
        User("browser-compliance", "compliance", "Compliance officer", language="en"),
        User("browser-admin", "admin", "Administrator", language="en"),
    ]


@pytest.fixture(scope="session")
def console(sample_settings: Settings, sample_rapport: Rapport) -> Iterator[Console]:
    """The app with the sample clients, advisors and teams imported, on a free loopback port."""
    clients = SAMPLE_BANK.parent / "clients.jsonl"
    store = sample_rapport.profiles
    store.import_teams_jsonl(clients.with_name("teams.jsonl"))
    store.import_advisors_jsonl(clients.with_name("advisors.jsonl"))
    store.import_jsonl(clients)
    keys = {}
    for user in _users(sample_rapport):
        sample_rapport.users.add(user)
        keys[user.user_id] = sample_rapport.users.issue_key(user.user_id)
    with serving(create_app(sample_settings, rapport=sample_rapport)) as url:
        yield Console(url, keys, sample_rapport)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab (own sessionStorage) on a laptop-sized screen, with the delta probe installed; its last state
    is saved as an artifact, which is what one needs when a test fails."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.add_init_script(DELTA_PROBE)
    try:
        yield tab
    finally:
        screenshot(tab, f"last-{request.node.name}")
        context.close()


def sign_in(page: Page, console: Console, user_id: str) -> None:
    """Open the console and sign in with the user's API key."""
    page.goto(console.url + "/")
    page.get_by_label("API key").fill(console.keys[user_id])
    page.keyboard.press("Enter")
    expect(page.locator("#logout")).to_be_visible()


def screenshot(page: Page, name: str, *, curated: bool = False) -> None:
    """Save a screenshot as a test artifact, and for the README too when `curated` and RAPPORT_UPDATE_SCREENSHOTS=1
    (so a test run leaves the working tree as it found it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if curated and os.environ.get("RAPPORT_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
