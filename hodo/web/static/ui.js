// Pieces shared by the views: page frame, filter forms, document meta lines.
import { cached, getJSON, routes } from "./api.js";
import { h, link } from "./dom.js";
import { fmtDate } from "./labels.js";

const ISO_DATE = "\\d{4}(-\\d{2}(-\\d{2})?)?";

/** Navigate; re-render even when the hash is already this one (a search sent twice). */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}

/** A view's frame: heading (focusable for screen readers), optional lead line, content. */
export function page(title, lead, ...children) {
  return h(
    "section",
    { class: "page" },
    h("header", { class: "page-head" }, h("h1", { tabindex: "-1" }, title), lead ? h("p", { class: "lead" }, lead) : null),
    ...children,
  );
}

/** A titled block inside a page or side panel. */
export function block(title, ...children) {
  return h("section", { class: "block" }, h("h2", {}, title), ...children);
}

// -- filter forms -----------------------------------------------------------------------

const FIELD_TYPES = {
  // an entity by any written form, id or QID; suggestions from the store's entities
  entity: (f, value) =>
    h("input", {
      type: "text", name: f.name, value, list: "entity-names", autocomplete: "off",
      placeholder: f.placeholder || "例：プーチン、北朝鮮、Q7747",
    }),
  date: (f, value) =>
    h("input", {
      type: "text", name: f.name, value, pattern: ISO_DATE, inputmode: "numeric",
      placeholder: "2024 / 2024-06 / 2024-06-19", title: "2024、2024-06 または 2024-06-19",
    }),
  number: (f, value) => h("input", { type: "number", name: f.name, value, min: f.min ?? 1, max: f.max, placeholder: "1" }),
  text: (f, value) => h("input", { type: "search", name: f.name, value, placeholder: f.placeholder || "" }),
  checkbox: (f, value) => h("input", { type: "checkbox", name: f.name, value: "1", checked: Boolean(value) }),
  select: (f, value) =>
    h(
      "select",
      { name: f.name },
      h("option", { value: "" }, f.any || "すべて"),
      (f.options || []).map(([v, label]) => h("option", { value: v, selected: v === value }, label)),
    ),
};

/**
 * A filter form. fields: [{name, label, kind: entity|date|number|text|select|checkbox,
 * options: [[value, label]], wide}]; values: the current ones (from the URL).
 * onSubmit(values) gets the non-empty values by name.
 */
export function filterForm({ fields, values, submit = "表示", onSubmit, extra = null }) {
  const form = h("form", { class: "filters", role: "search" });
  for (const f of fields) {
    const value = values[f.name] ?? "";
    const input = FIELD_TYPES[f.kind || "text"](f, value);
    input.id = "f-" + f.name;
    form.appendChild(
      h(
        "div",
        { class: ["field", f.wide && "wide", f.kind === "checkbox" && "check"] },
        h("label", { for: input.id }, f.label),
        input,
      ),
    );
  }
  form.appendChild(h("div", { class: "field actions" }, h("button", { type: "submit" }, submit), extra));
  form.appendChild(entityDatalist());
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const out = {};
    for (const f of fields) {
      const el = form.elements[f.name];
      const v = f.kind === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
      if (v) out[f.name] = v;
    }
    onSubmit(out);
  });
  return form;
}

/** The filter values present in the URL, by field name. */
export function valuesOf(params, names) {
  const out = {};
  for (const n of names) {
    const v = params.get(n);
    if (v) out[n] = v;
  }
  return out;
}

// One <datalist> of the most mentioned entities, filled when the list arrives.
function entityDatalist() {
  const list = h("datalist", { id: "entity-names" });
  cached("/api/entities", { limit: 300 })
    .then((entities) => {
      for (const e of entities) list.appendChild(h("option", { value: e.name }, `${e.name}（${e.type}）`));
    })
    .catch(() => {}); // suggestions are optional
  return list;
}

/**
 * The display name of an entity filter value: an id, a QID or any written form gives the
 * entity's name when it names exactly one entity; otherwise the value as typed.
 */
export async function entityName(value) {
  if (!value) return value;
  try {
    const found = await getJSON("/api/entities", { q: value, limit: 10 });
    const e = found.find((x) => x.id === value || x.wikidata === value || x.name === value);
    return e ? e.name : found.length === 1 ? found[0].name : value;
  } catch {
    return value;
  }
}

// -- documents --------------------------------------------------------------------------

/** "毎朝新聞デジタル · 2024-06-19 21:19" with the parts that exist. */
export function docMeta(outlet, published, ...more) {
  const parts = [outlet || "媒体不明", fmtDate(published), ...more].filter(Boolean);
  return h("span", { class: "meta" }, parts.join(" · "));
}

/** A document's title as a link to its view (at a sentence when given). */
export function docLink(href, title, cls = "doc-link") {
  return link(href, { class: cls }, title || "（無題）");
}

/** Links to the other views over the same entity and period (all but `current`). */
export function related(values, current) {
  if (!values.entity) return null;
  const p = { entity: values.entity, from: values.from, to: values.to };
  const views = [
    ["timeline", "タイムライン", routes.timeline(p)],
    ["brief", "ブリーフィング", routes.brief(p)],
    ["graph", "関係図", routes.graph(p)],
    ["contradictions", "係争点", routes.contradictions(p)],
    ["entity", "実体のページ", routes.entity(values.entity)],
  ];
  return h(
    "nav",
    { class: "actions related", "aria-label": "同じ条件で (same filters)" },
    views.filter(([name]) => name !== current).map(([, label, href]) => h("a", { class: "button", href }, label)),
  );
}
