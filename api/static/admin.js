// Compliance and administration: the audit table, and the document library (list, upload, delete, re-ingest).
import { api, describe } from "./api.js";
import { fill, h, notice, t } from "./dom.js";

function cell(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** GET /v1/audit?limit=50 as a table whose columns are the events' keys. */
export function createAudit() {
  const body = h("div", { class: "table-wrap" }, notice("muted", "loading"));
  const panel = h("section", { class: "panel wide", "aria-labelledby": "audit-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "audit-title", i18n: "audit.title" }),
      h("button", { type: "button", class: "secondary", i18n: "refresh", on: { click: load } })), body);
  async function load() {
    fill(body, notice("muted", "loading"));
    try {
      const rows = await api("/v1/audit?limit=50");
      if (!rows.length) { fill(body, notice("muted", "audit.empty")); return; }
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      fill(body, h("table", { class: "data" },
        h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c) => h("td", {}, cell(row[c]))))))));
    } catch (error) {
      fill(body, notice("error", describe(error), { raw: true }));
    }
  }
  return { panel, load };
}

/** The document library for an admin. */
export function createDocuments() {
  const body = h("div", { class: "table-wrap" }, notice("muted", "loading"));
  const status = h("div", { class: "doc-status", "aria-live": "polite" });
  const file = h("input", { id: "doc-file", type: "file", accept: ".md,.markdown,.txt,.pdf,.html,.docx", required: true });
  const upload = h("form", { class: "inline-form", on: { submit: async (event) => {
    event.preventDefault();
    if (!file.files.length) return;
    const form = new FormData();
    form.append("file", file.files[0]);
    await act(() => api("/v1/documents", { method: "POST", form }), "docs.uploaded");
    file.value = "";
  } } },
  h("label", { for: "doc-file", i18n: "docs.upload" }), file,
  h("button", { type: "submit", class: "primary", i18n: "docs.uploadButton" }),
  h("button", { type: "button", class: "secondary", i18n: "docs.reingest",
    on: { click: () => act(() => api("/v1/documents/reingest", { method: "POST" }), "docs.reingested") } }));
  const panel = h("section", { class: "panel wide", "aria-labelledby": "docs-title" },
    h("div", { class: "panel-head" }, h("h2", { id: "docs-title", i18n: "docs.title" })), upload, status, body);

  async function act(call, doneKey) {
    fill(status, notice("muted", "loading"));
    try {
      await call();
      fill(status, notice("ok", doneKey));
      await load();
    } catch (error) {
      fill(status, notice("error", describe(error), { raw: true }));
    }
  }

  async function load() {
    try {
      const rows = await api("/v1/documents");
      fill(body, h("table", { class: "data" },
        h("thead", {}, h("tr", {}, ["docs.docId", "docs.docTitle", "docs.language", "docs.audience", "docs.chunks",
          "docs.effective", "docs.actions"].map((key) => h("th", { scope: "col", i18n: key })))),
        h("tbody", {}, rows.map((d) => h("tr", {},
          h("td", {}, d.doc_id), h("td", {}, d.title), h("td", {}, d.language), h("td", {}, d.audience),
          h("td", {}, cell(d.chunks)), h("td", {}, cell(d.effective_date)),
          h("td", {}, h("button", { type: "button", class: "danger", i18nLabel: "docs.deleteLabel",
            i18nArgs: { title: d.title }, on: { click: () => {
              if (confirm(t("docs.confirm", { title: d.title }))) {
                act(() => api(`/v1/documents/${encodeURIComponent(d.doc_id)}`, { method: "DELETE" }), "docs.deleted");
              }
            } } }, h("span", { i18n: "docs.delete" }))))))));
    } catch (error) {
      fill(body, notice("error", describe(error), { raw: true }));
    }
  }
  return { panel, load };
}
