// The conversation: the question stays visible, the answer streams in, then the final answer replaces the
// stream with citation chips, its sources and a mark of what was redacted before anything left the bank.
import { describe, streamChat } from "./api.js";
import { h, notice, t } from "./dom.js";
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
 * `heading` is the panel's title key.
 */
export function createChat({ context, openCitation, heading = "chat.title", placeholder = "chat.placeholder" }) {
  let session = null;
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
    session = null;
    log.replaceChildren(notice("muted", "chat.empty"));
    if (focus) input.focus();
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

  function finish(box, text, answer) {
    const citations = answer.citations || [];
    const cite = chipFor(citations);
    text.replaceChildren(renderMarkdown(answer.answer, { cite, level: 4 }));
    text.lang = answer.language || "";
    const sources = citations.length
      ? h("div", { class: "sources" }, h("span", { class: "sources-label", i18n: "chat.sources" }),
        h("ul", {}, citations.map((c) => h("li", {}, cite(c.id),
          ` ${c.title}${c.section ? ` — ${c.section}` : ""}`))))
      : null;
    box.append(...[sources, redactionMark(answer.redacted),
      h("p", { class: "meta small", i18n: `mode.${answer.mode}` })].filter(Boolean));
    box.removeAttribute("aria-busy");
  }

  async function submit(event) {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    if (log.querySelector(".notice.muted")) log.replaceChildren();
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
      session = answer.session || session;
      finish(box, text, answer);
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

  return { panel, reset, focus: () => input.focus() };
}
