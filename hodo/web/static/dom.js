// Building the page. Everything that comes from the store (titles, bodies, names, quotes)
// enters the DOM only as text nodes or as values of harmless attributes: this module is
// the only place that creates elements, and it has no way to parse a string as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

// Attributes the code may set. Names always come from this code, never from data; the
// list keeps event-handler attributes (onerror=…) and style="" out even by mistake.
const ALLOWED_ATTRS = new Set([
  "id", "class", "title", "href", "download", "role", "tabindex", "type", "name", "value",
  "placeholder", "pattern", "min", "max", "for", "lang", "hidden", "disabled", "checked",
  "selected", "list", "autocomplete", "inputmode", "rel", "target", "datetime", "colspan",
  "spellcheck", "enterkeyhint",
  // SVG geometry and presentation
  "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d",
  "points", "transform", "fill", "stroke", "stroke-width", "stroke-dasharray", "opacity",
  "text-anchor", "dominant-baseline", "markerWidth", "markerHeight", "refX", "refY",
  "orient", "markerUnits", "marker-end", "preserveAspectRatio", "rx", "ry", "focusable",
]);

/** True for URLs this UI may link to: its own routes, its own API, or http(s) pages. */
export function safeHref(url) {
  if (typeof url !== "string") return false;
  return /^#\//.test(url) || /^\/(?!\/)/.test(url) || /^https?:\/\/[^\s]+$/i.test(url);
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function" && key.startsWith("on")) {
      el.addEventListener(key.slice(2), value);
    } else if (key === "text") {
      el.textContent = String(value);
    } else if (key === "class") {
      const cls = Array.isArray(value) ? value.filter(Boolean).join(" ") : String(value);
      if (cls) el.setAttribute("class", cls);
    } else if (key.startsWith("data-") || key.startsWith("aria-")) {
      el.setAttribute(key, String(value));
    } else if (!ALLOWED_ATTRS.has(key)) {
      throw new Error(`attribute not allowed: ${key}`);
    } else if (key === "href" && !safeHref(String(value))) {
      continue; // an unsafe link becomes plain text: the element keeps no href
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** An HTML element: h("a", {href: "#/…", class: "x"}, "text", otherNode, [more]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element, same calling convention as h(). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A link to a route or page when `href` is safe, else the same content as plain text. */
export function link(href, attrs, ...children) {
  if (!safeHref(href)) return h("span", { class: attrs && attrs.class }, ...children);
  const extra = /^https?:/i.test(href) ? { rel: "noopener noreferrer nofollow", target: "_blank" } : {};
  return h("a", { ...extra, ...attrs, href }, ...children);
}

/** A class name from data (an entity or event type), restricted to safe characters. */
export function token(prefix, value) {
  return prefix + (typeof value === "string" && /^[A-Za-z_]{1,24}$/.test(value) ? value : "OTHER");
}

/**
 * A search snippet with its matches (wrapped in 【 】 by the API) as <mark>. The string
 * is split, never parsed: a 【 without its 】 stays as text.
 */
export function marked(snippet) {
  const frag = document.createDocumentFragment();
  const text = String(snippet ?? "");
  const re = /【([^【】]*)】/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
    frag.appendChild(h("mark", {}, m[1]));
    last = m.index + m[0].length;
  }
  if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
  return frag;
}

/**
 * A search snippet's text with its matches as <mark>, from the API's `marks` (code-point
 * offsets into `text`): unlike 【 】, which Japanese news writes itself (【ワシントン共同】),
 * offsets cannot be mistaken for text. Out-of-range or overlapping marks are ignored.
 */
export function markedSpans(text, marks) {
  const frag = document.createDocumentFragment();
  const chars = Array.from(String(text ?? ""));
  let pos = 0;
  for (const m of Array.isArray(marks) ? marks : []) {
    const [start, end] = m;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < pos || end <= start || end > chars.length) continue;
    if (start > pos) frag.appendChild(document.createTextNode(chars.slice(pos, start).join("")));
    frag.appendChild(h("mark", {}, chars.slice(start, end).join("")));
    pos = end;
  }
  if (pos < chars.length) frag.appendChild(document.createTextNode(chars.slice(pos).join("")));
  return frag;
}

/** Remove every child of an element. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A visible error box (role=alert) with the API's message. */
export function errorBox(err) {
  const status = err && err.status ? ` (HTTP ${err.status})` : "";
  return h(
    "div",
    { class: "error", role: "alert" },
    h("strong", {}, "エラー" + status),
    h("p", {}, err && err.message ? err.message : String(err)),
  );
}

/** A muted note used for empty results. */
export function empty(text) {
  return h("p", { class: "empty" }, text);
}
