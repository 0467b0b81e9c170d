// #/timeline?entity=…&from=…&to=…&min_sources=n: event clusters in date order, as a
// chart and as a list of each cluster's sources.
import { getJSON, routes } from "./api.js";
import { clear, empty, errorBox, h } from "./dom.js";
import { eventBadge, eventLabel, fmtDate, fmtPeriod, modeLabel, statusBadge } from "./labels.js";
import { timelineChart } from "./chart.js";
import { docLink, entityName, filterForm, go, page, related, valuesOf } from "./ui.js";

const NAMES = ["entity", "from", "to", "min_sources"];

export async function render(route) {
  const values = valuesOf(route.params, NAMES);
  const form = filterForm({
    values,
    onSubmit: (v) => go(routes.timeline(v)),
    fields: [
      { name: "entity", label: "実体 (entity)", kind: "entity" },
      { name: "from", label: "期間・開始 (from)", kind: "date" },
      { name: "to", label: "期間・終了 (to)", kind: "date" },
      { name: "min_sources", label: "最少報道数 (min sources)", kind: "number", min: 1, max: 1000 },
    ],
  });
  const name = await entityName(values.entity);
  let content;
  try {
    const entries = await getJSON("/api/timeline", values);
    content = timelineView(entries, values);
  } catch (err) {
    content = errorBox(err);
  }
  const title = name ? `タイムライン：${name}` : "タイムライン";
  const lead = "事象クラスタ（複数の記事が伝える同じ出来事）を日付順に表示します";
  return { title, node: page(title, lead, form, related(values, "timeline"), content) };
}


/** Chart, details box and list for a set of timeline entries (also used by the entity page). */
export function timelineView(entries, values = {}, { compact = false } = {}) {
  if (!entries.length) return empty("該当する事象はありません。(no events)");
  const details = h("div", { class: "tl-details", "aria-live": "polite" }, hint());
  const items = new Map();
  const show = (e) => clear(details).appendChild(detailCard(e));
  const chart = timelineChart(entries, {
    compact,
    onHover: show,
    onSelect: (e) => {
      show(e);
      chart.select(e.cluster_id);
      for (const [id, el] of items) el.classList.toggle("selected", id === e.cluster_id);
      const item = items.get(e.cluster_id);
      if (item && !compact) item.scrollIntoView({ block: "nearest", behavior: "smooth" });
      else if (compact) location.hash = routes.compare(e.cluster_id);
    },
  });
  const parts = [
    h("div", { class: "tl-chart-wrap" }, chart.node, chartKey()),
    compact ? null : details,
  ];
  if (!compact) {
    const list = h("ol", { class: "tl-list" });
    for (const e of entries) {
      const item = entryItem(e);
      items.set(e.cluster_id, item);
      list.appendChild(item);
    }
    parts.push(h("h2", { class: "section-title" }, `事象クラスタ ${entries.length}件`), list);
  }
  if (entries.length >= 200) parts.push(h("p", { class: "note" }, "先頭の200件を表示しています。期間や実体で絞り込んでください。"));
  return h("div", { class: "timeline" }, parts);
}

function hint() {
  return h("p", { class: "muted" }, "マークにカーソルを合わせると詳細、クリックで一覧の該当箇所へ移動します。");
}

function chartKey() {
  return h(
    "p",
    { class: "chart-key" },
    h("span", { class: "k-dot" }, "日付あり"),
    h("span", { class: "k-hollow" }, "日付不明（初報の日付に表示）"),
    h("span", { class: "k-ring" }, "否定・係争あり"),
    h("span", { class: "k-size" }, "大きさ＝報道数"),
    h("span", { class: "k-bar" }, "帯＝日付の幅（月・年・期間）"),
  );
}

function when(e) {
  return e.time ? fmtPeriod(e.time.value, e.time.end_value) : "日付不明";
}

function detailCard(e) {
  const outlets = [...new Set((e.sources || []).map((s) => s.outlet).filter(Boolean))];
  return h(
    "div",
    { class: "detail-card" },
    h("div", { class: "row" }, eventBadge(e.type), h("strong", {}, eventLabel(e.type, e.modes)), h("span", { class: "when" }, when(e))),
    (e.participants || []).length ? h("p", { class: "who" }, e.participants.join("・")) : null,
    h("p", {}, `報道 ${(e.sources || []).length}件（${outlets.join("、") || "媒体不明"}）`),
    (e.disputed_by || []).length ? h("p", { class: "disputed-note" }, `否定：${e.disputed_by.join("、")}`) : null,
    e.first_reported ? h("p", { class: "muted" }, `初報：${e.first_reported.outlet || "媒体不明"} ${fmtDate(e.first_reported.published)}`) : null,
    h("a", { href: routes.compare(e.cluster_id), class: "compare-link" }, "媒体ごとに比較 →"),
  );
}

function entryItem(e) {
  const disputed = (e.disputed_by || []).length > 0;
  return h(
    "li",
    { class: ["tl-item", disputed && "disputed"], id: "c-" + e.cluster_id },
    h(
      "div",
      { class: "tl-date" },
      h("time", {}, when(e)),
      e.time || !e.sort_date ? null : h("span", { class: "muted" }, `初報 ${fmtDate(e.sort_date)}`),
    ),
    h(
      "div",
      { class: "tl-body" },
      h(
        "div",
        { class: "row" },
        eventBadge(e.type),
        (e.modes || []).length ? h("span", { class: "mode" }, e.modes.map(modeLabel).join("・")) : null,
        h("span", { class: "who" }, (e.participants || []).join("・")),
      ),
      h(
        "div",
        { class: "row tl-counts" },
        h("span", {}, `報道 ${(e.sources || []).length}件`),
        h("span", {}, `裏付け ${e.corroborated_by ?? 0}媒体`),
        disputed ? h("span", { class: "disputed-note" }, `否定：${e.disputed_by.join("、")}`) : null,
        e.contradictions ? h("span", { class: "disputed-note" }, `係争 ${e.contradictions}件`) : null,
        h("a", { href: routes.compare(e.cluster_id), class: "compare-link" }, "媒体比較 →"),
      ),
      h("ul", { class: "sources" }, (e.sources || []).map(sourceItem)),
    ),
  );
}

function sourceItem(s) {
  return h(
    "li",
    { class: ["source", (s.status === "denied" || s.status === "negated") && "denial"] },
    statusBadge(s.status),
    h("span", { class: "outlet" }, s.outlet || "媒体不明"),
    h("span", { class: "meta" }, fmtDate(s.published)),
    docLink(routes.doc(s.doc_id, s.sentence), s.title),
    s.trigger ? h("span", { class: "trigger-word", title: "事象を表す語" }, s.trigger) : null,
  );
}
