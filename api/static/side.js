// The side panel: the cited passage (sources) or a brief, next to the conversation.
import { api, describe } from "./api.js";
import { fill, h, notice, t } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

/** The panel element; one per view. */
export function createSide() {
  const heading = h("h2", { id: "side-title", i18n: "side.title" });
  const body = h("div", { class: "side-body", "aria-live": "polite" }, notice("muted", "side.empty"));
  const panel = h("aside", { class: "panel side", id: "side", "aria-labelledby": "side-title", tabindex: "-1" },
    heading, body);

  function show(titleKey, args, ...nodes) {
    heading.dataset.i18n = titleKey;
    heading.dataset.i18nArgs = JSON.stringify(args || {});
    heading.textContent = t(titleKey, args || {});
    fill(body, ...nodes);
  }

  /** Open the passage a citation points at (GET /v1/passages/{chunk_id}). */
  async function openCitation(citation) {
    const where = h("p", { class: "meta" }, [citation.title, citation.section].filter(Boolean).join(" — "));
    show("side.source", { n: citation.id }, where, notice("muted", "loading"));
    panel.focus();
    if (!citation.chunk_id) {
      fill(body, where, h("blockquote", { class: "passage" }, renderMarkdown(citation.excerpt || "")));
      return;
    }
    try {
      const passage = await api(`/v1/passages/${encodeURIComponent(citation.chunk_id)}`);
      const meta = [passage.title, passage.section, passage.language && passage.language.toUpperCase()]
        .filter(Boolean).join(" — ");
      const text = h("div", { class: "passage", lang: passage.language || null }, renderMarkdown(passage.text));
      fill(body, h("p", { class: "meta" }, meta), text, h("p", { class: "meta small" }, passage.doc_id || ""));
    } catch (error) {
      fill(body, where, notice("error", describe(error), { raw: true }));
    }
  }

  /** Show a brief's Markdown. */
  function showBrief(kind, markdown, language) {
    show(`brief.${kind}`, {}, h("div", { class: "brief", lang: language || null }, renderMarkdown(markdown)));
    panel.focus();
  }

  function showError(titleKey, error) {
    show(titleKey, {}, notice("error", describe(error), { raw: true }));
  }

  return { panel, openCitation, showBrief, showError, show };
}
