// The timeline chart: one mark per event cluster, hand-drawn in SVG.
//
// x: dates on a piecewise scale. Long empty stretches between groups of events (a 2000
//    visit recalled in a 2024 article) are cut out and drawn as a break, so the groups
//    keep readable widths. Clusters without any date go to a 日付不明 column at the right.
// y: one lane per event type. Marks are sized by the number of reporting sources,
//    coloured by type, hollow when undated (placed at the first report's date), ringed
//    red when some source disputes them. Coarse dates (2024-06) and periods get a bar.
import { svg, token } from "./dom.js";
import { eventLabel, fmtPeriod, typeLabel } from "./labels.js";

const DAY = 86400000;
const BREAK = 26; // px given to a cut-out stretch of time
const UNDATED = 64; // px of the 日付不明 column

/** [start, end) in ms of an ISO prefix (2024, 2024-06, 2024-06-19, with time or not). */
export function isoRange(value) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(value || ""));
  if (!m) return null;
  const y = Number(m[1]);
  if (!m[2]) return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  const mo = Number(m[2]) - 1;
  if (!m[3]) return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1)];
  const d = Date.UTC(y, mo, Number(m[3]));
  return [d, d + DAY];
}

/** Where a timeline entry sits in time: {t0, t1, dated} or null when it has no date at all. */
export function placeInTime(entry) {
  const own = entry.time && isoRange(entry.time.value);
  if (own) {
    const end = entry.time.end_value && isoRange(entry.time.end_value);
    // (not max(…, 0): dates before 1970 are negative milliseconds)
    return { t0: own[0], t1: end ? Math.max(own[1], end[1]) : own[1], dated: true };
  }
  const sorted = isoRange(entry.sort_date);
  return sorted ? { t0: sorted[0], t1: sorted[0] + DAY, dated: false } : null;
}

/**
 * A piecewise-linear scale over [x0, x1]: times are grouped into segments separated by
 * gaps longer than max(120 days, 15% of the whole span); each segment gets a width
 * proportional to the number of intervals in it, the gaps a fixed BREAK.
 */
export function piecewiseScale(intervals, x0, x1) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const total = sorted.length ? Math.max(...sorted.map((i) => i[1])) - sorted[0][0] : 0;
  const gap = Math.max(120 * DAY, total * 0.15);
  const segs = [];
  for (const [a, b] of sorted) {
    const last = segs[segs.length - 1];
    if (last && a - last.b <= gap) {
      last.b = Math.max(last.b, b);
      last.count += 1;
    } else segs.push({ a, b, count: 1 });
  }
  for (const s of segs) {
    const pad = Math.max((s.b - s.a) * 0.04, 4 * DAY);
    s.a -= pad;
    s.b += pad;
  }
  // a segment's width follows how many marks it holds (at least 10% of them), so one
  // old event recalled in passing does not take the room of the story's busy months
  const weights = segs.map((s) => Math.max(s.count, sorted.length * 0.1));
  const wsum = weights.reduce((n, w) => n + w, 0) || 1;
  const avail = x1 - x0 - BREAK * Math.max(0, segs.length - 1);
  let x = x0;
  segs.forEach((s, i) => {
    s.x0 = x;
    s.x1 = x + (avail * weights[i]) / wsum;
    x = s.x1 + BREAK;
  });
  const scale = (t) => {
    const s = segs.find((g) => t <= g.b) || segs[segs.length - 1];
    if (!s) return x0;
    const f = Math.min(1, Math.max(0, (t - s.a) / (s.b - s.a)));
    return s.x0 + f * (s.x1 - s.x0);
  };
  scale.segments = segs;
  return scale;
}

// Calendar ticks for one segment: the finest step that leaves ~80 px per label.
const STEPS = [
  ["day", 1], ["day", 7], ["month", 1], ["month", 3], ["month", 6],
  ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 25],
];

function ticks(seg) {
  const room = Math.max(1, Math.floor((seg.x1 - seg.x0) / 80));
  const span = seg.b - seg.a;
  const len = { day: DAY, month: 30.4 * DAY, year: 365.25 * DAY };
  const [unit, k] = STEPS.find(([u, n]) => span / (len[u] * n) <= room) || STEPS[STEPS.length - 1];
  const out = [];
  const start = new Date(seg.a);
  let y = start.getUTCFullYear();
  let mo = unit === "year" ? 0 : start.getUTCMonth();
  let d = unit === "day" ? start.getUTCDate() : 1;
  if (unit === "year") y = Math.ceil(y / k) * k;
  if (unit === "month") mo = Math.ceil(mo / k) * k;
  for (let guard = 0; guard < 400; guard++) {
    const t = Date.UTC(y, mo, d);
    if (t > seg.b) break;
    if (t >= seg.a) out.push({ t, unit });
    if (unit === "day") d += k;
    else if (unit === "month") mo += k;
    else y += k;
  }
  return out;
}

function tickLabel(t, unit, first) {
  const dt = new Date(t);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  if (unit === "year") return `${y}年`;
  if (unit === "month") return first || m === 1 ? `${y}年${m}月` : `${m}月`;
  return first || dt.getUTCDate() === 1 ? `${m}月${dt.getUTCDate()}日` : `${dt.getUTCDate()}日`;
}

/** The mark's tooltip: when, what, who, how many sources, who disputes. */
function summary(e) {
  const when = e.time ? fmtPeriod(e.time.value, e.time.end_value) : `日付不明（初報 ${fmtPeriod(e.sort_date)}）`;
  const outlets = [...new Set((e.sources || []).map((s) => s.outlet).filter(Boolean))];
  const lines = [`${when}　${eventLabel(e.type, e.modes)}`];
  if ((e.participants || []).length) lines.push(e.participants.join("・"));
  lines.push(`報道 ${(e.sources || []).length}件${outlets.length ? "：" + outlets.join("、") : ""}`);
  if ((e.disputed_by || []).length) lines.push(`否定：${e.disputed_by.join("、")}`);
  return lines.join("\n");
}

/**
 * The chart for timeline entries. Returns {node, select(clusterId)}; onHover(entry) and
 * onSelect(entry) are called on hover/focus and on click/Enter.
 */
export function timelineChart(entries, { compact = false, onHover = () => {}, onSelect = () => {} } = {}) {
  const W = 960;
  const left = compact ? 118 : 132;
  const right = 14;
  const laneH = compact ? 34 : 50;
  const top = 8;
  const placed = entries.map((e) => ({ e, when: placeInTime(e) }));
  const hasUndated = placed.some((p) => !p.when);
  const x1 = W - right - (hasUndated ? UNDATED + BREAK : 0);
  const scale = piecewiseScale(placed.filter((p) => p.when).map((p) => [p.when.t0, p.when.t1]), left, x1);

  // lanes: event types, most frequent first
  const counts = new Map();
  for (const { e } of placed) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  const lanes = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || String(a).localeCompare(String(b)));
  const height = top + lanes.length * laneH + 34;
  const root = svg("svg", {
    class: ["tl-chart", compact && "compact"], viewBox: `0 0 ${W} ${height}`, role: "group",
    "aria-label": `タイムライン：${entries.length}件の事象クラスタ`,
  });

  // lane backgrounds and names
  lanes.forEach((type, i) => {
    const y = top + i * laneH;
    root.appendChild(svg("rect", { class: ["lane", i % 2 && "odd"], x: 0, y, width: W, height: laneH }));
    root.appendChild(
      svg("text", { class: "lane-label", x: left - 10, y: y + laneH / 2, "text-anchor": "end", "dominant-baseline": "middle" },
        `${typeLabel(type)}`, svg("tspan", { class: "lane-n" }, ` ${counts.get(type)}`)),
    );
  });
  const axisY = top + lanes.length * laneH;
  drawAxis(root, scale, axisY, top, hasUndated ? [x1 + BREAK, W - right] : null);

  // marks: placed left to right, nudged up or down inside their lane when they would touch
  const radius = (e) => Math.min(compact ? 11 : 16, (compact ? 3 : 4) + (compact ? 2 : 3) * Math.sqrt((e.sources || []).length));
  const step = laneH / 5;
  const taken = new Map(); // lane → [{x, r, level}]
  const marks = new Map();
  const items = placed
    .map((p) => ({ ...p, x: p.when ? scale(p.when.t0) : x1 + BREAK + UNDATED / 2, r: radius(p.e) }))
    .sort((a, b) => a.x - b.x);
  const markLayer = svg("g", { class: "marks" });
  for (const it of items) {
    const lane = lanes.indexOf(it.e.type);
    const others = taken.get(lane) || [];
    const level = [0, -1, 1, -2, 2].find((lv) => others.every((o) => o.level !== lv || Math.abs(o.x - it.x) > o.r + it.r + 2)) ?? 0;
    others.push({ x: it.x, r: it.r, level });
    taken.set(lane, others);
    const cy = top + lane * laneH + laneH / 2 + level * step;
    const g = mark(it, cy, scale);
    g.addEventListener("mouseenter", () => onHover(it.e));
    g.addEventListener("focus", () => onHover(it.e));
    g.addEventListener("click", () => onSelect(it.e));
    g.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        onSelect(it.e);
      }
    });
    marks.set(it.e.cluster_id, g);
    markLayer.appendChild(g);
  }
  root.appendChild(markLayer);

  const select = (id) => {
    for (const [cid, g] of marks) g.classList.toggle("selected", cid === id);
  };
  return { node: root, select };
}

function mark(it, cy, scale) {
  const e = it.e;
  const disputed = (e.disputed_by || []).length > 0 || e.contradictions > 0;
  const g = svg("g", {
    class: ["mark", token("ev-", e.type), !it.when?.dated && "undated", disputed && "disputed"],
    tabindex: 0, role: "button", "data-cluster": e.cluster_id, "aria-label": summary(e).replace(/\n/g, "、"),
  });
  g.appendChild(svg("title", {}, summary(e)));
  if (it.when && it.when.dated) {
    // the period the date covers (a month, a year, or an explicit end)
    const xa = scale(it.when.t0);
    const xb = scale(it.when.t1);
    if (xb - xa > 3) g.appendChild(svg("rect", { class: "range", x: xa, y: cy - 3, width: xb - xa, height: 6, rx: 3 }));
  }
  if (disputed) g.appendChild(svg("circle", { class: "ring", cx: it.x, cy, r: it.r + 3.5 }));
  g.appendChild(svg("circle", { class: ["dot", !it.when?.dated && "hollow"], cx: it.x, cy, r: it.r }));
  return g;
}

// Rough width of a tick label at 11.5px: full-width characters are about one em.
const labelWidth = (text) => Array.from(text).reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 11.5 : 6.8), 0);

function drawAxis(root, scale, y, top, undatedCol) {
  const axis = svg("g", { class: "axis" });
  let lastRight = -Infinity; // labels that would overlap the previous one are left out
  scale.segments.forEach((seg, i) => {
    axis.appendChild(svg("line", { x1: seg.x0, x2: seg.x1, y1: y, y2: y }));
    if (seg.x1 - seg.x0 < 110) {
      // a narrow segment (an isolated old event): one label in its middle says when
      const mid = (seg.a + seg.b) / 2;
      const label = tickLabel(mid, seg.b - seg.a > 300 * DAY ? "year" : "month", true);
      const x = (seg.x0 + seg.x1) / 2;
      axis.appendChild(svg("text", { x, y: y + 18, "text-anchor": "middle" }, label));
      lastRight = x + labelWidth(label) / 2;
    }
    ticks(seg).forEach((tk, j) => {
      const x = scale(tk.t);
      axis.appendChild(svg("line", { class: "grid", x1: x, x2: x, y1: top, y2: y }));
      axis.appendChild(svg("line", { x1: x, x2: x, y1: y, y2: y + 5 }));
      const label = tickLabel(tk.t, tk.unit, j === 0);
      const half = labelWidth(label) / 2;
      if (seg.x1 - seg.x0 < 110 || x - half < lastRight + 8) return;
      lastRight = x + half;
      axis.appendChild(svg("text", { x, y: y + 18, "text-anchor": "middle" }, label));
    });
    const next = scale.segments[i + 1];
    if (next) {
      // a cut-out stretch of time: a shaded band and a zigzag on the axis
      const years = ((next.a - seg.b) / (365.25 * DAY)).toFixed(1);
      const band = svg("rect", { class: "break", x: seg.x1 + 4, y: top, width: BREAK - 8, height: y - top });
      band.appendChild(svg("title", {}, `約${years}年の空白を省略`));
      axis.appendChild(band);
      const m = seg.x1 + BREAK / 2;
      axis.appendChild(svg("path", { class: "zigzag", d: `M${m - 7},${y + 5} l4,-10 M${m + 3},${y + 5} l4,-10` }));
    }
  });
  if (undatedCol) {
    const [a, b] = undatedCol;
    axis.appendChild(svg("rect", { class: "break", x: a, y: top, width: b - a, height: y - top }));
    axis.appendChild(svg("line", { x1: a, x2: b, y1: y, y2: y }));
    axis.appendChild(svg("text", { x: (a + b) / 2, y: y + 18, "text-anchor": "middle" }, "日付不明"));
  }
  root.appendChild(axis);
}
