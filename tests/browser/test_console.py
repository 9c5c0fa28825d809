"""The web console in Chromium against the real app: streaming cited answers, scope, languages, inert answers."""

from __future__ import annotations

import json
import re

import httpx
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import Console, screenshot, sign_in

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_advisor_streams_a_cited_latvian_answer_and_opens_the_passage(page: Page, console: Console) -> None:
    profile = console.rapport.profiles.get("C1001")
    assert profile is not None
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(page, console, "browser-advisor")
    page.get_by_placeholder("Name or client ID").fill(profile.client_id)
    page.locator(f'button.pick[data-client="{profile.client_id}"]').click()
    expect(page.locator(".client-name")).to_have_text(profile.display_name)
    expect(page.locator(".signals-box")).not_to_contain_text("Loading")

    question = page.get_by_label("Your question")
    question.fill("Konts LV58 NLYS 6848 7452 6859 6: cik maksā SEPA pārskaitījums?")
    question.press("Enter")
    answer = page.locator(".msg.a").last
    expect(page.locator(".msg.q").last).to_contain_text("cik maksā SEPA")
    expect(answer.locator(".answer-text")).not_to_be_empty()
    chip = answer.locator(".answer-text button.chip").first
    expect(chip).to_be_visible()
    expect(page.locator("html")).to_have_attribute("data-deltas", re.compile(r"^[1-9]\d*$"))
    expect(answer.locator(".answer-text")).to_have_attribute("lang", "lv")
    expect(answer.locator(".redacted")).to_contain_text("IBAN")

    chip.click()
    expect(page.locator("#side-title")).to_have_text(re.compile(r"^Source \[\d+\]$"))
    expect(page.locator("#side .passage")).not_to_be_empty()
    screenshot(page, "advisor", curated=True)
    assert requested and all(url.startswith(console.url + "/") for url in requested)  # nothing from elsewhere

    page.get_by_role("button", name="Meeting brief").click()
    expect(page.locator("#side .brief :is(h3, h4)").first).to_be_visible()
    title = page.locator("#chat-title").inner_text()
    page.get_by_label("Language").select_option("lv")
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.locator("#chat-title")).not_to_have_text(title)
    expect(page.locator(".msg.a .answer-text button.chip").first).to_be_visible()  # the conversation stays


def test_client_sees_only_their_own_data_and_cannot_reach_another_client(page: Page, console: Console) -> None:
    own = console.rapport.profiles.get("C1001")
    other = console.rapport.profiles.get("C1002")
    assert own is not None and other is not None and own.display_name != other.display_name
    sign_in(page, console, "browser-client-lv")
    expect(page.locator(".client-name")).to_have_text(own.display_name)
    expect(page.locator("#client-search")).to_have_count(0)  # no picker, no notes, no signals for a client
    expect(page.locator(".note-form, .signals-box")).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", "lv")  # their language from /v1/me

    question = page.locator("#question")
    question.fill("Cik maksā SEPA pārskaitījums?")
    question.press("Enter")
    chip = page.locator(".msg.a .answer-text button.chip").first
    expect(chip).to_be_visible()
    chip.click()  # a public passage opens for a client too
    expect(page.locator("#side .passage")).not_to_be_empty()
    screenshot(page, "client", curated=True)

    with page.expect_response(lambda r: r.url.endswith(f"/v1/clients/{other.client_id}")) as refused:
        page.goto(f"{console.url}/#client={other.client_id}")  # tampering with the URL: the server refuses
    assert refused.value.status == 403
    error = page.locator("#client-card .notice.error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page.locator(".client-name")).to_have_count(0)
    assert other.display_name not in page.locator("body").inner_text()
    screenshot(page, "client-other-refused")


def test_a_chinese_question_gets_chinese_answer_text(page: Page, console: Console) -> None:
    sign_in(page, console, "browser-client-zh")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    question = page.locator("#question")
    question.fill("信用卡年费是多少？")
    question.press("Enter")
    text = page.locator(".msg.a .answer-text").last
    expect(text).to_have_attribute("lang", "zh")
    expect(text).to_have_text(CJK)
    expect(page.locator(".msg.a .redacted").last).to_be_visible()
    screenshot(page, "client-zh")


def _sse(*events: tuple[str, object]) -> str:
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)


def test_html_in_answers_passages_and_briefs_stays_inert_text(page: Page, console: Console) -> None:
    attack = '<img src=x onerror="document.title=\'pwned\'">'
    answer = f"## Fees\n{attack} **bold** [1]\n- [click](javascript:alert(1))\n- [site](https://bank.example/fees)"
    done = {"answer": answer, "language": "en", "mode": "llm", "session": "s-1", "found": True,
            "citations": [{"id": "1", "title": "<b>Fees</b>", "source": "fees.md", "section": "s", "doc_id": "fees",
                           "language": "en", "chunk_id": "fees#1"}],
            "redacted": {"PERSON": 1, "IBAN": 1}}
    stream = _sse(("delta", {"text": attack}), ("done", done))

    def chat(route: Route) -> None:
        route.fulfill(status=200, headers={"Content-Type": "text/event-stream"}, body=stream)

    def passage(route: Route) -> None:
        route.fulfill(status=200, json={"chunk_id": "fees#1", "doc_id": "fees", "title": "Fees", "section": "s",
                                         "language": "en", "text": f"<script>document.title='pwned'</script> {attack}"})

    def brief(route: Route) -> None:
        route.fulfill(status=200, json={"kind": "meeting", "language": "en",
                                        "markdown": f"# Brief\n- {attack}\n- [x](javascript:alert(1))"})

    page.route("**/v1/chat", chat)
    page.route("**/v1/passages/**", passage)
    page.route("**/v1/clients/*/brief?**", brief)
    page.route("**/v1/clients/*/notes", lambda route: route.fulfill(
        status=201, json={"on": "2026-01-01", "author": "ikalnina", "text": attack}))
    sign_in(page, console, "browser-advisor")
    page.locator('button.pick[data-client="C1001"]').click()
    question = page.locator("#question")
    question.fill(f"What does {attack} cost?")
    question.press("Enter")

    body = page.locator(".msg.a .answer-text").last
    expect(body.get_by_role("heading", name="Fees")).to_be_visible()  # the Markdown subset is rendered ...
    expect(body.locator("strong")).to_have_text("bold")
    expect(body).to_contain_text(attack)  # ... and the HTML is shown as the characters it is
    expect(page.locator(".msg.q").last).to_contain_text(attack)
    expect(body.locator("a")).to_have_count(1)  # only the http(s) link is a link, and it shows its target
    expect(body.locator("a")).to_have_attribute("href", "https://bank.example/fees")
    expect(body).to_contain_text("click (javascript:alert(1))")
    expect(page.locator(".msg.a .sources")).to_contain_text("<b>Fees</b>")
    expect(page.locator(".msg.a .redacted")).to_contain_text("IBAN, PERSON")

    body.locator("button.chip").first.click()
    expect(page.locator("#side .passage")).to_contain_text("<script>")
    page.get_by_role("button", name="Meeting brief").click()
    expect(page.locator("#side .brief")).to_contain_text(attack)
    expect(page.locator("#side .brief a")).to_have_count(0)

    page.locator("#note-text").fill(attack)
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".note-status .notice.ok")).to_be_visible()

    expect(page.locator("#app img, #app script, #app b")).to_have_count(0)
    assert page.title() == "Rapport"
    screenshot(page, "inert-html")


def test_trainer_compliance_and_admin_each_get_their_view(page: Page, console: Console) -> None:
    asked = httpx.post(f"{console.url}/v1/chat", json={"question": "Cik maksā SEPA pārskaitījums?"},
                       headers={"Authorization": f"Bearer {console.keys['browser-client-lv']}"}, timeout=60)
    assert asked.status_code == 200

    trainer = {"Authorization": f"Bearer {console.keys['browser-trainer']}"}
    scenario = httpx.get(f"{console.url}/v1/training/scenarios?language=en", headers=trainer, timeout=60).json()[0]
    sign_in(page, console, "browser-trainer")
    page.locator(f'button.pick[data-client="{scenario["client_id"]}"]').click()
    expect(page.locator(".signals-box")).not_to_contain_text("Loading")
    page.get_by_label("Scenario").select_option(scenario["id"])
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".roleplay .msg.a")).to_have_count(1)  # the synthetic client opens
    page.get_by_label("What you say").fill("Good morning, how can I help you today?")
    page.get_by_label("What you say").press("Enter")
    expect(page.locator(".roleplay .msg.a")).to_have_count(2)
    page.get_by_role("button", name="End and debrief").click()
    expect(page.locator(".roleplay .debrief li").first).to_be_visible()
    page.get_by_role("button", name="New quiz").click()
    expect(page.locator(".quiz-question").first).to_be_visible()
    page.get_by_role("button", name="Check answers").click()
    expect(page.locator(".quiz-result .notice.ok")).to_be_visible()
    screenshot(page, "trainer")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_label("API key")).to_be_visible()

    sign_in(page, console, "browser-compliance")
    expect(page.locator("table.data tbody tr").first).to_be_visible()
    screenshot(page, "compliance")
    page.get_by_role("button", name="Log out").click()

    sign_in(page, console, "browser-admin")
    doc_id = console.rapport.catalog.documents()[0].meta.doc_id
    expect(page.locator("table.data")).to_contain_text(doc_id)
    screenshot(page, "admin")


def _answered(page: Page, count: int) -> None:
    """Wait until the chat shows `count` answers and none is still streaming."""
    expect(page.locator(".msg.a")).to_have_count(count)
    expect(page.locator(".msg.a[aria-busy]")).to_have_count(0)


def test_advisor_reopens_a_past_conversation_from_the_list_and_continues_it(page: Page, console: Console) -> None:
    profile = console.rapport.profiles.get("C1001")
    assert profile is not None
    sign_in(page, console, "browser-advisor")
    page.locator(f'button.pick[data-client="{profile.client_id}"]').click()
    expect(page.locator(".client-name")).to_have_text(profile.display_name)
    conversations = page.get_by_role("region", name="Conversations")
    expect(conversations).to_be_visible()
    current = conversations.locator('button.session[aria-current="true"]')

    question = page.get_by_label("Your question")
    question.fill("How much does a SEPA transfer cost?")
    question.press("Enter")
    _answered(page, 1)
    expect(current).to_have_count(1)  # the list refreshed with the new session and marks it
    expect(current).to_contain_text("1 question")
    first = current.get_attribute("data-session")
    assert first

    page.get_by_role("button", name="New conversation").click()
    expect(page.locator(".msg")).to_have_count(0)
    expect(current).to_have_count(0)
    question.fill("What is the annual fee of a credit card?")
    question.press("Enter")
    _answered(page, 1)
    expect(page.locator(".msg.q")).to_have_text("What is the annual fee of a credit card?")
    expect(current).to_have_count(1)
    second = current.get_attribute("data-session")
    assert second and second != first

    other = page.locator(f'button.pick:not([data-client="{profile.client_id}"])').first
    other.click()  # another client: a fresh conversation; reopening the first switches the card back
    expect(page.locator(".client-name")).not_to_have_text(profile.display_name)
    expect(page.locator(".msg")).to_have_count(0)

    rows = conversations.locator("button.session")
    expect(rows.first).to_have_attribute("data-session", second)  # newest first
    rows.first.focus()
    page.keyboard.press("ArrowDown")  # keyboard only: arrows move through the list, Enter opens
    reopen = conversations.locator(f'button.session[data-session="{first}"]')
    expect(reopen).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".client-name")).to_have_text(profile.display_name)
    expect(page).to_have_url(re.compile(rf"#client={profile.client_id}$"))
    expect(page.locator(".msg.q")).to_have_count(1)
    expect(page.locator(".msg.q")).to_have_text("How much does a SEPA transfer cost?")
    _answered(page, 1)
    expect(page.locator(".msg.a .answer-text")).not_to_be_empty()
    expect(page.locator(".msg.a .answer-text button.chip").first).to_be_visible()
    expect(reopen).to_have_attribute("aria-current", "true")
    expect(question).to_be_focused()
    screenshot(page, "conversation-reopened")

    question.fill("And for an instant SEPA transfer?")
    question.press("Enter")
    _answered(page, 2)
    expect(page.locator(".msg.q")).to_have_count(2)
    expect(reopen).to_contain_text("2 questions")  # the list refreshed after the answer

    key = {"Authorization": f"Bearer {console.keys['browser-advisor']}"}
    stored = httpx.get(f"{console.url}/v1/sessions/{first}", headers=key, timeout=30)
    assert stored.status_code == 200
    turns = stored.json()["turns"]
    assert [t["question"] for t in turns] == ["How much does a SEPA transfer cost?",
                                              "And for an instant SEPA transfer?"]
    assert stored.json()["client_id"] == profile.client_id
    untouched = httpx.get(f"{console.url}/v1/sessions/{second}", headers=key, timeout=30).json()
    assert len(untouched["turns"]) == 1
