// The conversation: the question stays visible, the answer streams in, then the final answer replaces the
// stream with citation chips, its sources and a mark of what was redacted before anything left the bank.
import { api, describe, streamChat } from "./api.js";
import { fill, h, lang, notice } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

/** A redaction mark: how many identifiers of which types were hidden from the model. */
export function redactionMark(redacted) {
  const counts = redacted || {};
  const types = Object.keys(counts).sort();
  const n = types.reduce((sum, type) => sum + Number(counts[type] || 0), 0);
  return n
    ? h("p", { class: "redacted", i18n: "redacted.some", i18nArgs: { n, types: types.join(", ") } })
    : h("p", { class: "redacted none", i18n: "redacted.none" });
}

/**
 * A chat panel. `context()` gives the client id to ask about (or null); `openCitation(c)` opens a source;
 * `heading` is the panel's title key; `onSession(id, answered)` hears of the current session (null: a fresh one)
 * and of each new answer.
 */
export function createChat({ context, openCitation, heading = "chat.title", placeholder = "chat.placeholder",
  onSession = () => {} }) {
  let session = null;
  let epoch = 0; // bumped when the log is replaced, so a late answer or load does not land in another conversation
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-labelledby": "chat-title" },
    notice("muted", "chat.empty"));
  const input = h("textarea", { id: "question", rows: "2", required: true, i18nPlaceholder: placeholder });
  const send = h("button", { type: "submit", class: "primary", i18n: "chat.send" });
  const fresh = h("button", { type: "button", class: "secondary", i18n: "chat.new", on: { click: () => reset(true) } });
  const form = h("form", { class: "composer", on: { submit } },
    h("label", { for: "question", class: "visually-hidden", i18n: "chat.question" }),
    input,
    h("div", { class: "composer-actions" }, send, fresh),
    h("p", { class: "hint", i18n: "chat.hint" }));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  const panel = h("section", { class: "panel chat", "aria-labelledby": "chat-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "chat-title", i18n: heading })), log, form);

  function reset(focus = false) {
    epoch += 1;
    session = null;
    log.removeAttribute("aria-busy");
    log.replaceChildren(notice("muted", "chat.empty"));
    onSession(null, false);
    if (focus) input.focus();
  }

  /** Reopen a stored session (GET /v1/sessions/{id}): its turns fill the log and the next question continues it. */
  async function open(id) {
    const mine = ++epoch;
    session = id;
    onSession(id, false);
    log.setAttribute("aria-busy", "true");
    log.replaceChildren(notice("muted", "loading"));
    let stored;
    try {
      stored = await api(`/v1/sessions/${encodeURIComponent(id)}`);
    } catch (error) {
      if (mine === epoch) {
        log.removeAttribute("aria-busy");
        log.replaceChildren(notice("error", describe(error), { raw: true }));
      }
      return false;
    }
    if (mine !== epoch) return false;
    const turns = stored.turns || [];
    log.replaceChildren(...(turns.length ? [] : [notice("muted", "chat.empty")]));
    for (const turn of turns) {
      log.append(h("div", { class: "msg q" }, turn.question));
      const text = h("div", { class: "answer-text" });
      const box = h("div", { class: "msg a stored" }, text);
      log.append(box);
      if (turn.answer === null || turn.answer === undefined) {
        text.append(notice("muted", "sessions.noAnswer"));
      } else {
        finish(box, text, { answer: turn.answer, language: turn.language, citations: turn.citations }, { stored: true });
      }
    }
    log.removeAttribute("aria-busy");
    if (log.lastElementChild) log.lastElementChild.scrollIntoView({ block: "end" });
    input.focus();
    return true;
  }

  function chipFor(citations) {
    const byId = new Map(citations.map((c) => [String(c.id), c]));
    return (id) => {
      const citation = byId.get(String(id));
      if (!citation) return null;
      return h("button", {
        type: "button", class: "chip", "data-cite": citation.id, title: citation.title,
        i18nLabel: "cite.open", i18nArgs: { n: citation.id, title: citation.title },
        on: { click: () => openCitation(citation) },
      }, `[${citation.id}]`);
    };
  }

  function finish(box, text, answer, { stored = false } = {}) {
    const citations = answer.citations || [];
    const cite = chipFor(citations);
    text.replaceChildren(renderMarkdown(answer.answer, { cite, level: 4 }));
    text.lang = answer.language || "";
    const sources = citations.length
      ? h("div", { class: "sources" }, h("span", { class: "sources-label", i18n: "chat.sources" }),
        h("ul", {}, citations.map((c) => h("li", {}, cite(c.id),
          ` ${c.title}${c.section ? ` — ${c.section}` : ""}`))))
      : null;
    // A stored turn keeps no redaction counts or mode: show only what is known.
    box.append(...[sources, stored ? null : redactionMark(answer.redacted),
      stored || !answer.mode ? null : h("p", { class: "meta small", i18n: `mode.${answer.mode}` })].filter(Boolean));
    box.removeAttribute("aria-busy");
  }

  async function submit(event) {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    if (log.querySelector(":scope > .notice")) log.replaceChildren();
    const mine = epoch;
    log.append(h("div", { class: "msg q" }, question));
    const text = h("div", { class: "answer-text" });
    const live = document.createTextNode("");
    text.append(live);
    const box = h("div", { class: "msg a", "aria-busy": "true" }, text);
    log.append(box);
    box.scrollIntoView({ block: "end" });
    input.value = "";
    send.disabled = true;
    try {
      const answer = await streamChat({ question, client: context(), session, language: null }, (delta) => {
        live.data += delta;
        box.scrollIntoView({ block: "end" });
      });
      if (mine !== epoch) return; // the conversation was left while this answer streamed
      session = answer.session || session;
      finish(box, text, answer);
      onSession(session, true);
    } catch (error) {
      box.classList.add("error");
      box.removeAttribute("aria-busy");
      text.replaceChildren(notice("error", describe(error), { raw: true }));
    } finally {
      send.disabled = false;
      box.scrollIntoView({ block: "end" });
      input.focus();
    }
  }

  return { panel, reset, open, session: () => session, focus: () => input.focus() };
}

const LOCALES = { no: "nb" };

function when(iso) {
  // Stored times are UTC; SQLite may hand them back without an offset.
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang()] || lang(), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/**
 * The caller's own conversations (GET /v1/sessions, newest first); `onOpen(row)` when one is chosen.
 * `showClient` adds the client id to each row (an advisor's sessions are about different clients).
 */
export function createConversations({ onOpen, showClient = false }) {
  const list = h("ul", { class: "sessions-list", id: "session-list", "aria-labelledby": "sessions-title" });
  const status = h("div", { class: "sessions-status" }, notice("muted", "loading"));
  let current = null;
  let seq = 0;

  function mark(id) {
    current = id;
    for (const b of list.querySelectorAll("button")) b.setAttribute("aria-current", String(b.dataset.session === id));
  }

  async function load() {
    const mine = ++seq;
    try {
      const rows = await api("/v1/sessions");
      if (mine !== seq) return;
      fill(status, rows.length ? null : notice("muted", "sessions.none"));
      fill(list, rows.map((row) => h("li", {}, h("button", {
        type: "button", class: "session", "data-session": row.id, on: { click: () => onOpen(row) },
      }, h("time", { class: "session-when", datetime: row.created_at }, when(row.created_at)),
      row.title ? h("span", { class: "session-title" }, row.title) : null,
      h("span", { class: "session-meta" },
        showClient && row.client_id ? h("span", {}, row.client_id, " · ") : null,
        h("span", { i18n: "sessions.turns", i18nArgs: { n: row.turns } }),
        row.language ? ` · ${row.language.toUpperCase()}` : null)))));
      mark(current);
    } catch (error) {
      if (mine === seq) { fill(list); fill(status, notice("error", describe(error), { raw: true })); }
    }
  }

  list.addEventListener("keydown", (event) => {
    const buttons = [...list.querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))].focus();
  });
  const refresh = h("button", { type: "button", class: "secondary small", i18n: "refresh", on: { click: load } });
  const panel = h("section", { class: "panel sessions", "aria-labelledby": "sessions-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "sessions-title", i18n: "sessions.title" }), refresh),
    status, list);
  return { panel, load, mark };
}
