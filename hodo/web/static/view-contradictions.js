// #/contradictions?entity=…&from=…&to=…: what one source says and another denies.
import { getJSON, routes } from "./api.js";
import { empty, errorBox, h } from "./dom.js";
import { fmtDate } from "./labels.js";
import { entityName, filterForm, go, page, related, valuesOf } from "./ui.js";

const NAMES = ["entity", "from", "to"];
const KINDS = { denial: "否定", contradiction: "矛盾" };

export async function render(route) {
  const values = valuesOf(route.params, NAMES);
  const form = filterForm({
    values,
    onSubmit: (v) => go(routes.contradictions(v)),
    fields: [
      { name: "entity", label: "実体 (entity)", kind: "entity" },
      { name: "from", label: "期間・開始 (from)", kind: "date" },
      { name: "to", label: "期間・終了 (to)", kind: "date" },
    ],
  });
  const name = await entityName(values.entity);
  let content;
  try {
    const rows = await getJSON("/api/contradictions", values);
    content = rows.length
      ? h("ol", { class: "con-list" }, rows.map(row))
      : empty("係争点は見つかりませんでした。(no contradictions)");
  } catch (err) {
    content = errorBox(err);
  }
  const title = name ? `係争点：${name}` : "係争点";
  return { title, node: page(title, "ある記述（主張）と、それを否定する記述を並べて表示します", form, related(values, "contradictions"), content) };
}

function row(r) {
  return h(
    "li",
    { class: "con-row" },
    h(
      "div",
      { class: "con-head" },
      h("span", { class: "badge badge-denial" }, KINDS[r.kind] || r.kind),
      r.a_doc === r.b_doc ? h("span", { class: "muted" }, "同じ記事の中") : h("span", { class: "muted" }, "記事をまたぐ"),
      r.cluster ? h("a", { class: "compare-link", href: routes.compare(r.cluster) }, "媒体比較 →") : null,
    ),
    h(
      "div",
      { class: "con-pair" },
      side("主張 (claim)", "claim", r.a_doc, r.a_sentence, r.a_text, r.a_page),
      h("div", { class: "versus", "aria-hidden": "true" }, "⇄"),
      side("否定 (denial)", "denial", r.b_doc, r.b_sentence, r.b_text, r.b_page),
    ),
  );
}

function side(label, cls, docId, sentence, text, meta) {
  const m = meta || {};
  return h(
    "div",
    { class: ["con-side", cls] },
    h("div", { class: "side-label" }, label),
    h("blockquote", {}, text || "（文が見つかりません）"),
    h(
      "div",
      { class: "con-source" },
      h("span", { class: "outlet" }, m.outlet || "媒体不明"),
      h("span", { class: "meta" }, fmtDate(m.published)),
      h("a", { href: routes.doc(docId, sentence), class: "doc-link" }, `${m.title || docId}（文${sentence + 1}）`),
    ),
  );
}
