// Clients: a searchable picker (scoped by the server), the client card with products, open requests, KYC,
// consents and notes, the need signals, briefs and the add-a-note form.
import { api, describe } from "./api.js";
import { fill, h, lang, notice, tOr } from "./dom.js";

const SEARCH_DELAY_MS = 250;

/** The client id in the URL hash (#client=C1001), or null. */
export function hashClient() {
  return new URLSearchParams(location.hash.slice(1)).get("client");
}

/** A searchable list of the clients the caller may see; `onPick(id)` when one is chosen. */
export function createPicker({ onPick, title = "picker.title" }) {
  const search = h("input", { id: "client-search", type: "search", autocomplete: "off",
    i18nPlaceholder: "picker.placeholder" });
  const list = h("ul", { class: "picker-list", id: "client-list", "aria-labelledby": "picker-title" });
  const status = h("div", { class: "picker-status" });
  let timer = null;
  let seq = 0;

  async function load() {
    const mine = ++seq;
    try {
      const rows = await api(`/v1/clients?q=${encodeURIComponent(search.value.trim())}`);
      if (mine !== seq) return;
      fill(status, rows.length ? null : notice("muted", "picker.none"));
      fill(list, rows.map((row) => h("li", {}, h("button", {
        type: "button", class: "pick", "data-client": row.client_id, on: { click: () => onPick(row.client_id) },
      }, h("span", { class: "pick-name" }, row.name),
      h("span", { class: "pick-meta" }, [row.client_id, tOr(`segment.${row.segment}`, row.segment),
        row.language && row.language.toUpperCase()]
        .filter(Boolean).join(" · ")),
      row.synthetic ? h("span", { class: "badge synthetic", i18n: "client.synthetic" }) : null))));
    } catch (error) {
      if (mine === seq) { fill(list); fill(status, notice("error", describe(error), { raw: true })); }
    }
  }

  search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, SEARCH_DELAY_MS); });
  search.addEventListener("keydown", (event) => {
    const first = list.querySelector("button");
    if (event.key === "Enter") { event.preventDefault(); if (first) first.click(); }
    if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
  });
  list.addEventListener("keydown", (event) => {
    const buttons = [...list.querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? buttons[at - 1] : search).focus(); }
  });
  const panel = h("section", { class: "panel picker", "aria-labelledby": "picker-title" },
    h("h2", { id: "picker-title", i18n: title }),
    h("label", { for: "client-search", class: "visually-hidden", i18n: "picker.search" }), search, status, list);
  return { panel, load, mark(id) {
    for (const b of list.querySelectorAll("button")) b.setAttribute("aria-current", String(b.dataset.client === id));
  } };
}

function field(labelKey, value) {
  return [h("dt", { i18n: labelKey }), h("dd", {}, value === null || value === undefined || value === "" ? "—" : value)];
}

function dates(product) {
  const entries = Object.entries(product.dates || {});
  if (!entries.length) return null;
  return h("ul", { class: "dates" }, entries.map(([name, value]) =>
    h("li", {}, h("span", { class: "date-name" }, tOr(`date.${name}`, name.replace(/_/g, " "))), ": ",
      h("time", {}, value))));
}

/** The client card: what the server returns for GET /v1/clients/{id}; `internal` shows notes. */
export function renderCard(client, { internal }) {
  const products = client.products || [];
  const requests = client.open_requests || [];
  const consents = client.consents ? Object.entries(client.consents) : [];
  const notes = internal ? client.notes || [] : [];
  return h("div", { class: "card-body", "data-client": client.client_id },
    h("h3", { class: "client-name" }, client.name),
    h("dl", { class: "facts" },
      field("client.id", client.client_id),
      field("client.segment", tOr(`segment.${client.segment}`, client.segment)),
      field("client.language", client.language && client.language.toUpperCase()),
      internal ? field("client.rm", client.relationship_manager) : null,
      internal ? field("client.team", client.team) : null,
      Object.entries(client.kyc || {}).filter(([, value]) => value !== null && value !== "")
        .map(([name, value]) => field(`kyc.${name}`, value))),
    client.vulnerable ? h("p", {}, h("span", { class: "badge vulnerable", i18n: "client.vulnerable" })) : null,
    h("h4", { i18n: "client.products" }),
    products.length
      ? h("ul", { class: "products" }, products.map((p) => h("li", {},
        h("span", { class: "product-name" }, p.name || p.type), " ",
        h("span", { class: "muted" }, p.type ? tOr(`type.${p.type}`, p.type.replace(/_/g, " ")) : ""),
        dates(p))))
      : notice("muted", "client.noProducts"),
    h("h4", { i18n: "client.requests" }),
    requests.length
      ? h("ul", { class: "requests" }, requests.map((r) => h("li", {}, r.summary,
        r.due ? h("span", { class: "muted" }, " · ", h("span", { i18n: "client.due" }), " ", r.due) : null)))
      : notice("muted", "client.noRequests"),
    consents.length ? h("h4", { i18n: "client.consents" }) : null,
    consents.length ? h("ul", { class: "consents" }, consents.map(([name, value]) => h("li", {},
      h("span", {}, tOr(`consent.${name}`, name.replace(/_/g, " "))), ": ",
      typeof value === "boolean" ? h("span", { i18n: value ? "yes" : "no" }) : String(value)))) : null,
    internal ? h("h4", { i18n: "client.notes" }) : null,
    internal ? (notes.length
      ? h("ul", { class: "notes" }, notes.map((n) => h("li", {}, h("span", { class: "muted" }, `${n.on} · ${n.author}`),
        h("br"), n.text)))
      : notice("muted", "client.noNotes")) : null);
}

/** The need signals: topic, verdict badge, why not to propose, and the policy it rests on. */
export function renderSignals(signals) {
  if (!signals.length) return notice("muted", "signals.none");
  return h("ul", { class: "signals" }, signals.map((s) => h("li", { class: `signal ${s.verdict}` },
    h("span", { class: `badge verdict ${s.verdict}`, i18n: `verdict.${s.verdict}` }), " ",
    h("strong", {}, s.topic),
    (s.reasons || (s.reason ? [s.reason] : [])).map((reason) => h("p", { class: "reason" }, reason)),
    (s.evidence || []).length ? h("p", { class: "evidence" },
      s.evidence.map((e) => `${e.field}: ${e.value}`).join(" · ")) : null,
    s.citation ? h("p", { class: "policy" }, h("span", { i18n: "signals.policy" }), " ",
      [s.citation.title || s.citation.doc_id, s.citation.section].filter(Boolean).join(" — ")) : null)));
}

/** The card panel: loads a client, and for an advisor the signals, brief buttons and note form. */
export function createCard({ role, side }) {
  const advisor = role === "advisor";
  const internal = role === "advisor" || role === "trainer";
  const body = h("div", { class: "card-content" }, notice("muted", role === "client" ? "loading" : "card.pick"));
  const panel = h("section", { class: "panel card", "aria-labelledby": "card-title", id: "client-card" },
    h("h2", { id: "card-title", i18n: role === "client" ? "card.mine" : "card.title" }), body);
  let current = null;

  async function brief(kind) {
    side.show(`brief.${kind}`, {}, notice("muted", "loading"));
    try {
      const result = await api(`/v1/clients/${encodeURIComponent(current)}/brief?kind=${kind}&language=${lang()}`);
      side.showBrief(kind, result.markdown, result.language);
    } catch (error) {
      side.showError(`brief.${kind}`, error);
    }
  }

  function noteForm(onSaved, saved) {
    const text = h("textarea", { id: "note-text", rows: "2", required: true, maxlength: "4000" });
    const status = h("div", { class: "note-status", "aria-live": "polite" }, saved ? notice("ok", "notes.saved") : null);
    const form = h("form", { class: "note-form", on: { submit: async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      try {
        await api(`/v1/clients/${encodeURIComponent(current)}/notes`, { method: "POST", json: { text: text.value.trim() } });
        onSaved();
      } catch (error) {
        fill(status, notice("error", describe(error), { raw: true }));
      }
    } } },
    h("label", { for: "note-text", i18n: "notes.add" }), text,
    h("button", { type: "submit", class: "secondary", i18n: "notes.save" }), status);
    return form;
  }

  /** Show client `id` (null: nothing chosen); `saved` after a note was added. */
  async function show(id, saved = false) {
    current = id;
    if (!id) { fill(body, notice("muted", "card.pick")); return; }
    fill(body, notice("muted", "loading"));
    let client;
    try {
      client = await api(`/v1/clients/${encodeURIComponent(id)}`);
    } catch (error) {
      if (current === id) fill(body, notice("error", describe(error), { raw: true }));
      return false;
    }
    if (current !== id) return false;
    const parts = [renderCard(client, { internal: advisor })];
    if (advisor) {
      parts.push(h("div", { class: "actions" },
        h("button", { type: "button", class: "secondary", i18n: "brief.meetingButton", on: { click: () => brief("meeting") } }),
        h("button", { type: "button", class: "secondary", i18n: "brief.handoverButton", on: { click: () => brief("handover") } })));
    }
    if (internal) {
      const signals = h("div", { class: "signals-box" }, notice("muted", "loading"));
      parts.push(h("h4", { i18n: "signals.title" }), signals);
      api(`/v1/clients/${encodeURIComponent(id)}/signals?language=${lang()}`)
        .then((rows) => fill(signals, renderSignals(rows)))
        .catch((error) => fill(signals, notice("error", describe(error), { raw: true })));
    }
    if (advisor) parts.push(noteForm(() => show(id, true), saved));
    fill(body, ...parts);
    return true;
  }

  return { panel, show, current: () => current };
}
