// #/search?q=…&entity=…&outlet=…&from=…&to=…&event_type=…&raw=1&offset=n
import { cached, getJSON, routes } from "./api.js";
import { empty, errorBox, h, marked, markedSpans } from "./dom.js";
import { typeLabel } from "./labels.js";
import { docLink, docMeta, filterForm, go, page, valuesOf } from "./ui.js";

const PAGE = 20; // hits per page unless the URL says &limit=n (1–100)
const NAMES = ["q", "entity", "outlet", "event_type", "from", "to", "raw", "limit"];

export async function render(route) {
  const values = valuesOf(route.params, NAMES);
  const offset = Math.max(0, parseInt(route.params.get("offset") || "0", 10) || 0);
  const limit = Math.min(100, Math.max(1, parseInt(values.limit || "", 10) || PAGE));
  const [outlets, types] = await Promise.all([
    cached("/api/outlets").catch(() => []),
    cached("/api/event-types").catch(() => []),
  ]);
  const form = filterForm({
    values,
    submit: "検索",
    onSubmit: (v) => go(routes.search({ ...v, limit: values.limit })),
    fields: [
      { name: "q", label: "キーワード (words)", kind: "text", wide: true, placeholder: "例：プーチン 訪朝" },
      { name: "entity", label: "実体 (entity)", kind: "entity" },
      {
        name: "outlet", label: "媒体 (outlet)", kind: "select",
        options: outlets.map((o) => [o.outlet, `${o.outlet}（${o.documents}）`]),
      },
      {
        name: "event_type", label: "事象タイプ (event type)", kind: "select",
        options: types.map((t) => [t.type, `${typeLabel(t.type)} ${t.type}（${t.events}）`]),
      },
      { name: "from", label: "期間・開始 (from)", kind: "date" },
      { name: "to", label: "期間・終了 (to)", kind: "date" },
      { name: "raw", label: "FTS5 構文 (raw)", kind: "checkbox" },
    ],
  });

  let results;
  try {
    const answer = await getJSON("/api/search", { ...values, raw: values.raw ? "true" : "", limit, offset });
    results = resultList(answer, values, offset, limit);
  } catch (err) {
    results = errorBox(err);
  }
  const lead = values.q ? `「${values.q}」の検索結果` : "キーワードなしの場合は新しい記事から一覧します";
  return { title: values.q ? `検索：${values.q}` : "検索", node: page("記事検索", lead, form, results) };
}

function resultList(answer, values, offset, limit) {
  const hits = answer.hits || [];
  if (!hits.length) {
    return empty(offset ? "これ以上の結果はありません。" : "該当する記事はありません。(no documents match)");
  }
  const list = h(
    "ol",
    { class: "hits" },
    hits.map((hit) =>
      h(
        "li",
        { class: "hit" },
        h("h3", {}, docLink(routes.doc(hit.doc_id), hit.title)),
        h("div", { class: "hit-meta" }, docMeta(hit.outlet, hit.published), h("span", { class: "locator" }, hit.source || "")),
        hit.snippet_text
          ? h("p", { class: "snippet" }, markedSpans(hit.snippet_text, hit.marks))
          : hit.snippet
            ? h("p", { class: "snippet" }, marked(hit.snippet))
            : null,
      ),
    ),
  );
  return h(
    "div",
    { class: "results" },
    h("p", { class: "count" }, `${offset + 1}〜${offset + hits.length}件目`),
    list,
    pager(values, offset, hits.length, limit),
  );
}

// The API does not count all matches: a full page means there may be a next one.
function pager(values, offset, n, limit) {
  const prev = offset > 0 ? routes.search({ ...values, offset: Math.max(0, offset - limit) || "" }) : null;
  const next = n === limit ? routes.search({ ...values, offset: offset + limit }) : null;
  return h(
    "nav",
    { class: "pager", "aria-label": "ページ送り" },
    prev ? h("a", { href: prev, rel: "prev" }, "← 前へ") : h("span", { class: "disabled" }, "← 前へ"),
    next ? h("a", { href: next, rel: "next" }, "次へ →") : h("span", { class: "disabled" }, "次へ →"),
  );
}
