// The trainer's panels: a quiz from the documents' facts and a role-play with a synthetic client (the training
// API). A server without the training API answers 404, and the panel says so.
import { api, ApiError, describe } from "./api.js";
import { fill, h, lang, notice } from "./dom.js";

const QUIZ_SIZE = 5;

function unavailable(error) {
  return error instanceof ApiError && (error.status === 404 || error.status === 405)
    ? notice("muted", "training.unavailable")
    : notice("error", describe(error), { raw: true });
}

function cited(citation, index, openCitation) {
  if (!citation) return null;
  return h("button", { type: "button", class: "chip", on: { click: () => openCitation({
    id: String(index), title: citation.title, section: citation.section, chunk_id: citation.chunk_id,
    excerpt: citation.excerpt }) } }, `${citation.title}${citation.section ? ` — ${citation.section}` : ""}`);
}

/** GET /v1/training/quiz?language=&n=5, answered in the page and scored by POST /v1/training/quiz/answers. */
export function createQuiz({ openCitation }) {
  const body = h("div", { class: "quiz-body" }, notice("muted", "quiz.intro"));
  const start = h("button", { type: "button", class: "primary", i18n: "quiz.new", on: { click: load } });
  const panel = h("section", { class: "panel quiz", "aria-labelledby": "quiz-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "quiz-title", i18n: "quiz.title" }), start), body);
  let asked = null;

  function question(q, index) {
    const name = `quiz-${index}`;
    const input = (q.options || []).length
      ? h("fieldset", { class: "options" }, h("legend", { class: "visually-hidden", i18n: "quiz.choose" }),
        q.options.map((option, i) => h("label", { class: "option" },
          h("input", { type: "radio", name, value: option, id: `${name}-${i}`, "data-question": q.id }), " ", option)))
      : h("input", { type: "text", name, "data-question": q.id, i18nLabel: "quiz.yourAnswer" });
    return h("li", { class: "quiz-question", lang: q.language || null, "data-id": q.id },
      h("p", {}, q.question || ""), input,
      h("p", { class: "quiz-answer", hidden: true }, h("strong", { i18n: "quiz.answer" }), " ", q.answer || "", " ",
        cited(q.citation, index + 1, openCitation)));
  }

  async function check(language) {
    const answers = {};
    for (const input of body.querySelectorAll("input[data-question]")) {
      if ((input.type !== "radio" || input.checked) && input.value.trim()) answers[input.dataset.question] = input.value.trim();
    }
    const result = h("div", { class: "quiz-result", "aria-live": "polite" }, notice("muted", "loading"));
    body.querySelector(".quiz-result")?.remove();
    body.append(result);
    for (const answer of body.querySelectorAll(".quiz-answer")) answer.hidden = false;
    try {
      const score = await api("/v1/training/quiz/answers", { method: "POST",
        json: { language, n: QUIZ_SIZE, seed: asked.seed, answers } });
      fill(result, notice("ok", "quiz.score", { args: { correct: score.correct, total: score.questions,
        percent: Math.round(score.score) } }));
    } catch (error) {
      fill(result, unavailable(error));
    }
  }

  async function load() {
    fill(body, notice("muted", "loading"));
    const language = lang();
    const seed = Math.floor(Math.random() * 1_000_000);
    try {
      const questions = await api(`/v1/training/quiz?language=${language}&n=${QUIZ_SIZE}&seed=${seed}`);
      asked = { seed };
      fill(body, questions.length
        ? [h("ol", { class: "quiz-list" }, questions.map(question)),
          h("button", { type: "button", class: "primary", i18n: "quiz.check", on: { click: () => check(language) } })]
        : notice("muted", "quiz.empty"));
    } catch (error) {
      fill(body, unavailable(error));
    }
  }
  return { panel };
}

/** A role-play: start a scenario's synthetic client, talk, then ask for the debrief (graded against policy). */
export function createRolePlay({ openCitation }) {
  let session = null;
  let loads = 0;
  const scenario = h("select", { id: "scenario" }, h("option", { value: "", i18n: "roleplay.pick" }));
  const startButton = h("button", { type: "button", class: "secondary", i18n: "roleplay.start", on: { click: start } });
  const debriefButton = h("button", { type: "button", class: "secondary", i18n: "roleplay.debrief", disabled: true,
    on: { click: debrief } });
  const log = h("div", { class: "log small-log", role: "log", "aria-live": "polite" }, notice("muted", "roleplay.intro"));
  const input = h("textarea", { id: "roleplay-text", rows: "2", required: true });
  const send = h("button", { type: "submit", class: "primary", i18n: "chat.send", disabled: true });
  const form = h("form", { class: "composer", on: { submit } },
    h("label", { for: "roleplay-text", i18n: "roleplay.message" }), input,
    h("div", { class: "composer-actions" }, send, debriefButton));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
  });
  const panel = h("section", { class: "panel roleplay", "aria-labelledby": "roleplay-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "roleplay-title", i18n: "roleplay.title" })),
    h("div", { class: "inline-form" }, h("label", { for: "scenario", i18n: "roleplay.scenario" }), scenario, startButton),
    log, form);

  function say(cls, text) {
    log.append(h("div", { class: `msg ${cls}` }, text));
    log.lastChild.scrollIntoView({ block: "end" });
  }

  /** The scenarios for a synthetic client (all of them when none is chosen). */
  async function load(clientId) {
    const mine = ++loads;
    try {
      const rows = await api(`/v1/training/scenarios?language=${lang()}`);
      if (mine !== loads) return;  // a later choice of client won
      const kept = scenario.value;
      const shown = rows.filter((s) => !clientId || s.client_id === clientId);
      scenario.replaceChildren(h("option", { value: "", i18n: "roleplay.pick" }),
        ...shown.map((s) => h("option", { value: s.id }, s.title || s.id)));
      if (shown.some((s) => s.id === kept)) scenario.value = kept;
    } catch (error) {
      if (mine === loads) fill(log, unavailable(error));
    }
  }

  async function start() {
    if (!scenario.value) { scenario.focus(); return; }
    fill(log, notice("muted", "loading"));
    try {
      const opened = await api("/v1/training/roleplay", { method: "POST", json: { scenario_id: scenario.value } });
      session = opened.session;
      const s = opened.scenario || {};
      fill(log, h("div", { class: "scenario", lang: s.language || null }, h("strong", {}, s.title || ""),
        s.learning_goal ? h("p", {}, s.learning_goal) : null,
        (s.situation || []).length ? h("ul", {}, s.situation.map((line) => h("li", {}, line))) : null));
      say("a", opened.reply || "");
      send.disabled = false;
      debriefButton.disabled = false;
      input.focus();
    } catch (error) {
      fill(log, unavailable(error));
    }
  }

  async function submit(event) {
    event.preventDefault();
    const message = input.value.trim();
    if (!message || !session) return;
    say("q", message);
    input.value = "";
    try {
      const reply = await api("/v1/training/roleplay", { method: "POST", json: { session, message } });
      say("a", reply.reply || "");
    } catch (error) {
      log.append(h("div", { class: "msg a error" }, unavailable(error)));
    }
  }

  async function debrief() {
    if (!session) return;
    try {
      const result = await api(`/v1/training/roleplay/${encodeURIComponent(session)}/debrief`, { method: "POST" });
      session = null;
      send.disabled = true;
      debriefButton.disabled = true;
      log.append(h("div", { class: "debrief" },
        notice(result.passed ? "ok" : "error", "roleplay.score", { args: { score: Math.round(result.score) } }),
        h("ul", {}, (result.points || []).map((p, i) => h("li", {},
          h("strong", {}, `${p.title}: ${p.points}/${p.max_points}`), " ", p.evidence ? String(p.evidence) : "", " ",
          cited(p.citation, i + 1, openCitation))))));
      log.lastChild.scrollIntoView({ block: "end" });
    } catch (error) {
      log.append(h("div", { class: "msg a error" }, unavailable(error)));
    }
  }
  return { panel, load };
}
