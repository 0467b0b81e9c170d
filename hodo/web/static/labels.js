// Japanese names of what the API returns as codes, and small formatting helpers.
import { h, token } from "./dom.js";

// PLOVER event types and modes (the same names as hodo/data/brief.toml).
export const EVENT_TYPES = {
  AGREE: "合意",
  ACCUSE: "非難・告発",
  AID: "支援・提供",
  ASSAULT: "攻撃",
  COERCE: "強制",
  CONCEDE: "譲歩",
  CONSULT: "協議・会談",
  COOPERATE: "協力",
  MOBILIZE: "動員・軍事行動",
  PROTEST: "抗議",
  REJECT: "拒否・否定",
  REQUEST: "要請",
  RETREAT: "撤退",
  SANCTION: "制裁",
  SUPPORT: "支持",
  THREATEN: "威嚇",
};

export const MODES = {
  visit: "訪問",
  meet: "会談",
  phone: "電話会談",
  host: "受け入れ",
  treaty: "条約",
  verbal: "口頭",
  military: "軍事",
  deny: "否定",
  exercise: "演習",
  veto: "拒否権",
  "weapons-test": "兵器実験",
};

export const STATUSES = {
  occurred: "発生",
  alleged: "疑い・伝聞",
  planned: "予定",
  possible: "可能性",
  denied: "否定",
  negated: "否定形",
};

export const STANCES = {
  assert: "主張",
  deny: "否定",
  criticize: "批判",
  warn: "警告",
  concern: "懸念",
  request: "要請",
  praise: "称賛",
  explain: "説明",
};

export const ENTITY_TYPES = {
  PERSON: "人物",
  GPE: "国・地域",
  ORG: "組織",
  LOC: "場所",
  FAC: "施設",
  PRODUCT: "製品",
  EVENT: "出来事",
  NORP: "集団",
};

export const ROLES = { actor: "行為者", recipient: "対象", place: "場所", reported_by: "報告者" };

export const typeLabel = (t) => EVENT_TYPES[t] || t || "—";
export const modeLabel = (m) => MODES[m] || m;
export const entityTypeLabel = (t) => ENTITY_TYPES[t] || t || "その他";

/** "協議・会談（会談・訪問）" for a type and its modes. */
export function eventLabel(type, modes) {
  const list = (Array.isArray(modes) ? modes : [modes]).filter(Boolean).map(modeLabel);
  return typeLabel(type) + (list.length ? `（${list.join("・")}）` : "");
}

/** A coloured badge for an event status (occurred, alleged, planned, denied, negated …). */
export function statusBadge(status) {
  const denial = status === "denied" || status === "negated";
  return h(
    "span",
    { class: ["badge", token("st-", status), denial && "badge-denial"], title: status || "" },
    STATUSES[status] || status || "—",
  );
}

/** A badge naming an entity type, coloured like its mentions. */
export function entityBadge(type) {
  return h("span", { class: ["badge", "ent-badge", token("ent-", type)] }, entityTypeLabel(type));
}

/** A badge naming an event type, coloured like its timeline marks. */
export function eventBadge(type) {
  return h("span", { class: ["badge", "ev-badge", token("ev-", type)], title: type || "" }, typeLabel(type));
}

/**
 * A date as readers expect it: "2024-06-19 21:19" for an ISO value with time (the
 * timezone offset is dropped, the page's own clock is kept), "2024-06" stays as is.
 */
export function fmtDate(value) {
  if (!value) return "日付不明";
  const m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T(\d{2}:\d{2}))?/.exec(String(value));
  if (!m) return String(value);
  return m[2] ? `${m[1]} ${m[2]}` : m[1];
}

/** A period "2024-06-18〜2024-06-19" or one date. */
export function fmtPeriod(value, end) {
  if (!value) return "日付不明";
  return end && end !== value ? `${fmtDate(value)}〜${fmtDate(end)}` : fmtDate(value);
}
