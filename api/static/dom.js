// DOM helpers: elements are built from nodes and text, never from HTML strings, and marked elements are
// translated in place when the UI language changes.
import { translate } from "./i18n.js";

let current = "en";

/** The UI language. */
export function lang() { return current; }

/** Switch the UI language and re-translate every marked element under `root`. */
export function setLang(code, root = document) {
  current = code;
  document.documentElement.lang = code === "no" ? "nb" : code;
  translateTree(root);
}

/** A UI string in the current language. */
export function t(key, args = {}) { return translate(current, key, args); }

/** A UI string, or `fallback` when the key has no translation (e.g. a product type the bank added). */
export function tOr(key, fallback, args = {}) {
  const s = translate(current, key, args);
  return s === key ? fallback : s;
}

const MARKS = [
  ["i18n", (el, s) => { el.textContent = s; }],
  ["i18nLabel", (el, s) => { el.setAttribute("aria-label", s); }],
  ["i18nPlaceholder", (el, s) => { el.setAttribute("placeholder", s); }],
  ["i18nTitle", (el, s) => { el.setAttribute("title", s); }],
];

function translateOne(el) {
  const args = el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : {};
  for (const [mark, apply] of MARKS) {
    if (el.dataset[mark]) apply(el, t(el.dataset[mark], args));
  }
}

/** Translate `root` and its descendants that carry data-i18n* marks. */
export function translateTree(root) {
  if (root instanceof Element && (root.dataset.i18n || root.dataset.i18nLabel || root.dataset.i18nPlaceholder
      || root.dataset.i18nTitle)) translateOne(root);
  for (const el of root.querySelectorAll("[data-i18n],[data-i18n-label],[data-i18n-placeholder],[data-i18n-title]")) {
    translateOne(el);
  }
}

/**
 * h("button", {class: "primary", i18n: "chat.send", on: {click: fn}}, child, ...): an element.
 * Children are nodes or plain strings (added as text). `i18n*` attributes mark UI strings for translation.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  let marked = false;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "on") for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else if (name === "i18nArgs") el.dataset.i18nArgs = JSON.stringify(value);
    else if (name.startsWith("i18n")) { el.dataset[name] = value; marked = true; }
    else if (name.startsWith("on") || name === "style") throw new Error(`refusing attribute ${name}`);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  if (marked) translateOne(el);
  return el;
}

/** Replace the children of `el` (nodes or text). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** A status line: a translated message, or a server's detail as text. */
export function notice(kind, keyOrText, { raw = false, args = {} } = {}) {
  return raw
    ? h("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, keyOrText)
    : h("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status", i18n: keyOrText, i18nArgs: args });
}
