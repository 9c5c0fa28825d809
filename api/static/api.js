// The HTTP API seen from the page: bearer key from sessionStorage, problem details as ApiError, and the chat
// stream (POST + Server-Sent Events read with fetch and a ReadableStream: EventSource cannot POST or send headers).
import { t, tOr } from "./dom.js";

const KEY = "rapport.apiKey";

/** The API key, kept for this browser tab only. */
export const credentials = {
  get() { return sessionStorage.getItem(KEY); },
  set(key) { sessionStorage.setItem(KEY, key); },
  clear() { sessionStorage.removeItem(KEY); },
};

/** An HTTP problem: the status and the server's `detail`. */
export class ApiError extends Error {
  constructor(status, detail, retryAfter = null) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }
}

let unauthorized = () => {};

/** Called when the server answers 401 (the key was revoked or the session ended). */
export function onUnauthorized(fn) { unauthorized = fn; }

async function problem(response) {
  let detail = "";
  try {
    const body = await response.json();
    detail = typeof body.detail === "string" ? body.detail : (body.title || "");
  } catch { /* not JSON: the status says enough */ }
  if (response.status === 401) unauthorized();
  return new ApiError(response.status, detail, response.headers.get("Retry-After"));
}

function headers(extra = {}) {
  const key = credentials.get();
  return key ? { Authorization: `Bearer ${key}`, ...extra } : { ...extra };
}

/** Call the API: JSON in (`json`) or multipart (`form`), JSON out; throws ApiError. */
export async function api(path, { method = "GET", json, form } = {}) {
  const init = { method, headers: headers({ Accept: "application/json" }) };
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "");
  }
  if (!response.ok) throw await problem(response);
  if (response.status === 204) return null;
  return response.json();
}

/** Split an SSE buffer into complete events; returns [events, rest]. */
export function parseEvents(buffer) {
  const events = [];
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop();
  for (const block of blocks) {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
    }
    if (data.length) events.push({ name, data: data.join("\n") });
  }
  return [events, rest];
}

/**
 * Ask a question with `stream: true`; `onDelta(text)` gets each piece, the result is the final answer
 * (the `done` event, authoritative). Throws ApiError on an HTTP error or an `error` event.
 */
export async function streamChat(payload, onDelta) {
  let response;
  try {
    response = await fetch("/v1/chat", {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
      body: JSON.stringify({ ...payload, stream: true }),
    });
  } catch {
    throw new ApiError(0, "");
  }
  if (!response.ok) throw await problem(response);
  if (!(response.headers.get("Content-Type") || "").startsWith("text/event-stream")) return response.json();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      throw new ApiError(0, "");
    }
    if (chunk.done) break;
    buffer += chunk.value;
    const [events, rest] = parseEvents(buffer);
    buffer = rest;
    for (const event of events) {
      const data = JSON.parse(event.data);
      if (event.name === "delta") onDelta(data.text || "");
      else if (event.name === "done") return data;
      else if (event.name === "error") throw new ApiError(data.status || 500, data.detail || data.title || "");
    }
  }
  throw new ApiError(0, t("error.cutOff"));
}

/** A problem as one line for the user, in the UI language, ending with the server's detail. */
export function describe(error) {
  if (!(error instanceof ApiError)) return t("error.unexpected");
  if (error.status === 0) return error.detail || t("error.network");
  if (error.status === 429) return t("error.429", { seconds: error.retryAfter || "?" });
  const title = tOr(`error.${error.status}`, t("error.other", { status: error.status }));
  return error.detail ? `${title}: ${error.detail}` : title;
}
