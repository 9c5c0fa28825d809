// Untrusted text (a model's answer, a document passage, a brief) as a tiny Markdown subset: headings, lists,
// tables, bold, code, links shown with their real target, and [n] citation markers. Every piece of text becomes
// a text node, so HTML in the input is shown as the characters it is and never parsed: the same guarantee as
// escaping all HTML first. There is no innerHTML anywhere in the console.
import { h } from "./dom.js";

const INLINE = /\*\*([^*\n]+)\*\*|`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\[(\d{1,3})\]/g;
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** Inline Markdown as nodes; `cite(id)` turns a [n] marker into a node (or null to keep the text). */
export function inline(text, cite = null) {
  const nodes = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) nodes.push(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) nodes.push(h("strong", {}, m[1]));
    else if (m[2] !== undefined) nodes.push(h("code", {}, m[2]));
    else if (m[3] !== undefined) nodes.push(link(m[3], m[4]));
    else {
      const chip = cite ? cite(m[5]) : null;
      nodes.push(chip || document.createTextNode(m[0]));
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/** A link that shows where it goes; anything but http(s) and mailto stays text. */
function link(label, target) {
  const shown = label === target ? target : `${label} (${target})`;
  if (!SAFE_URL.test(target)) return document.createTextNode(shown);
  return h("a", { href: target, rel: "noopener noreferrer nofollow", target: "_blank" }, shown);
}

function table(rows, cite) {
  const cells = (row) => row.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  const body = rows.filter((row) => !/^\|?\s*:?-{2,}/.test(row.trim()));
  const [head, ...rest] = body;
  return h("table", { class: "md-table" },
    h("thead", {}, h("tr", {}, cells(head).map((c) => h("th", { scope: "col" }, inline(c, cite))))),
    h("tbody", {}, rest.map((row) => h("tr", {}, cells(row).map((c) => h("td", {}, inline(c, cite)))))));
}

/** Markdown as a fragment of safe nodes; headings start at `level` (h3 by default: they sit inside panels). */
export function renderMarkdown(text, { cite = null, level = 3 } = {}) {
  const out = document.createDocumentFragment();
  let list = null;
  let para = null;
  let rows = [];
  const flush = () => {
    if (rows.length) { out.append(table(rows, cite)); rows = []; }
    list = null;
    para = null;
  };
  for (const raw of String(text).replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    let m;
    if (!line.trim()) { flush(); continue; }
    if (line.trim().startsWith("|")) { list = null; para = null; rows.push(line); continue; }
    if (rows.length) flush();
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      flush();
      out.append(h(`h${Math.min(6, level + m[1].length - 1)}`, {}, inline(m[2], cite)));
    } else if ((m = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line))) {
      const kind = m[1] === undefined ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== kind) {
        para = null;
        list = h(kind);
        out.append(list);
      }
      list.append(h("li", {}, inline(m[2], cite)));
    } else {
      list = null;
      if (para) para.append(h("br"));
      else { para = h("p"); out.append(para); }
      para.append(...inline(line.replace(/^>\s?/, ""), cite));
    }
  }
  flush();
  return out;
}
