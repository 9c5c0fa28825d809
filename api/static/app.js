// The console's entry point: the language selector, login with an API key (sessionStorage only), GET /v1/me,
// and one view per role. The server enforces every permission; the views only leave out what a role cannot use.
import { createAudit, createDocuments } from "./admin.js";
import { api, credentials, describe, onUnauthorized } from "./api.js";
import { createChat, createConversations } from "./chat.js";
import { createCard, createPicker, hashClient } from "./clients.js";
import { fill, h, lang, notice, setLang } from "./dom.js";
import { LANGUAGES } from "./i18n.js";
import { createSide } from "./side.js";
import { createQuiz, createRolePlay } from "./training.js";

const CHOSEN = "rapport.language";
let me = null;
let view = null;

function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "nb" || base === "nn") return "no";
    if (LANGUAGES.includes(base)) return base;
  }
  return "en";
}

function advisorView() {
  const side = createSide();
  const card = createCard({ role: "advisor", side });
  let pending = null; // a session to reopen once its client's card is shown
  // A session stays with one client: reopening one about another client switches the card (and the URL) first.
  const conversations = createConversations({ showClient: true, onOpen: (row) => {
    const id = row.client_id || null;
    if (id === card.current()) { chat.open(row.id); return; }
    pending = row.id;
    if (hashClient() === id) onHash();
    else location.hash = id ? `client=${encodeURIComponent(id)}` : "";
  } });
  const chat = createChat({ context: () => card.current(), openCitation: side.openCitation,
    onSession: (id, answered) => { conversations.mark(id); if (answered) conversations.load(); } });
  const picker = createPicker({ onPick: (id) => { location.hash = `client=${encodeURIComponent(id)}`; } });
  async function onHash() {
    const id = hashClient();
    picker.mark(id);
    const reopen = pending;
    pending = null;
    if (id !== card.current()) {
      if (reopen) chat.open(reopen);
      else chat.reset();
      await card.show(id);
    } else if (reopen) {
      chat.open(reopen);
    }
  }
  picker.load().then(() => picker.mark(hashClient()));
  conversations.load();
  onHash();
  return {
    element: h("div", { class: "workspace" }, h("div", { class: "column" }, picker.panel, card.panel,
      conversations.panel), chat.panel, side.panel),
    onHash,
    onLanguage: () => { conversations.load(); return card.show(card.current()); },
  };
}

function clientView() {
  const side = createSide();
  const card = createCard({ role: "client", side });
  const conversations = createConversations({ onOpen: (row) => chat.open(row.id) });
  const chat = createChat({ context: () => null, openCitation: side.openCitation, heading: "chat.clientTitle",
    onSession: (id, answered) => { conversations.mark(id); if (answered) conversations.load(); } });
  const back = h("p", { class: "back", hidden: true }, h("a", { href: "#", i18n: "card.back" }));
  async function onHash() {
    const id = hashClient() || me.client_id;
    back.hidden = id === me.client_id;
    await card.show(id);
  }
  conversations.load();
  onHash();
  return {
    element: h("div", { class: "workspace" }, h("div", { class: "column" }, card.panel, back, conversations.panel),
      chat.panel, side.panel),
    onHash,
    onLanguage: () => { conversations.load(); return card.show(card.current()); },
  };
}

function trainerView() {
  const side = createSide();
  const card = createCard({ role: "trainer", side });
  const quiz = createQuiz({ openCitation: side.openCitation });
  const roleplay = createRolePlay({ openCitation: side.openCitation });
  const picker = createPicker({ title: "picker.synthetic",
    onPick: (id) => { location.hash = `client=${encodeURIComponent(id)}`; } });
  async function onHash() {
    const id = hashClient();
    picker.mark(id);
    await Promise.all([card.show(id), roleplay.load(id)]);
  }
  picker.load();
  onHash();
  return {
    element: h("div", { class: "workspace" }, h("div", { class: "column" }, picker.panel, card.panel),
      h("div", { class: "column" }, quiz.panel, roleplay.panel), side.panel),
    onHash,
    onLanguage: onHash,
  };
}

function complianceView() {
  const audit = createAudit();
  audit.load();
  return { element: h("div", { class: "single" }, audit.panel) };
}

function adminView() {
  const docs = createDocuments();
  docs.load();
  return { element: h("div", { class: "single" }, docs.panel) };
}

const VIEWS = { advisor: advisorView, client: clientView, trainer: trainerView, compliance: complianceView,
  admin: adminView };

function showLogin(message = null, raw = false) {
  me = null;
  view = null;
  fill(document.getElementById("app"));
  document.getElementById("logout").hidden = true;
  fill(document.getElementById("who"));
  document.getElementById("login").hidden = false;
  fill(document.getElementById("login-status"), message ? notice("error", message, { raw }) : null);
  document.getElementById("api-key").focus();
}

function logout() {
  credentials.clear();
  history.replaceState(null, "", location.pathname + location.search);
  showLogin();
}

async function start() {
  try {
    me = await api("/v1/me");
  } catch (error) {
    credentials.clear();
    if (error.status === 401) showLogin("login.rejected");
    else showLogin(describe(error), true);
    return;
  }
  if (!sessionStorage.getItem(CHOSEN) && LANGUAGES.includes(me.language)) {
    setLang(me.language);
    document.getElementById("lang").value = lang();
  }
  document.getElementById("login").hidden = true;
  document.getElementById("logout").hidden = false;
  fill(document.getElementById("who"), h("span", { class: "who-name" }, me.name), " · ",
    h("span", { class: "who-role", i18n: `role.${me.role}` }));
  const make = VIEWS[me.role];
  view = make ? make() : { element: notice("error", "role.unknown") };
  fill(document.getElementById("app"), view.element);
}

function boot() {
  const select = document.getElementById("lang");
  setLang(sessionStorage.getItem(CHOSEN) || browserLanguage());
  select.value = lang();
  select.addEventListener("change", () => {
    sessionStorage.setItem(CHOSEN, select.value);
    setLang(select.value);
    if (view && view.onLanguage) view.onLanguage();
  });
  document.getElementById("logout").addEventListener("click", logout);
  document.getElementById("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("api-key");
    const key = input.value.trim();
    if (!key) return;
    input.value = "";
    credentials.set(key);
    start();
  });
  onUnauthorized(() => { if (me) { credentials.clear(); showLogin("login.expired"); } });
  window.addEventListener("hashchange", () => { if (view && view.onHash) view.onHash(); });
  if (credentials.get()) start();
  else showLogin();
}

boot();
