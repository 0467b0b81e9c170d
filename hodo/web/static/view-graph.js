// #/graph?entity=…&from=…&to=…&min_events=n: who acts on whom, as a directed graph.
import { getJSON, routes } from "./api.js";
import { empty, errorBox, h, svg, token } from "./dom.js";
import { ENTITY_TYPES, typeLabel } from "./labels.js";
import { entityName, filterForm, go, page, related, valuesOf } from "./ui.js";

const NAMES = ["entity", "from", "to", "min_events"];
const W = 960;
const H = 620;

export async function render(route) {
  const values = valuesOf(route.params, NAMES);
  const form = filterForm({
    values,
    onSubmit: (v) => go(routes.graph(v)),
    fields: [
      { name: "entity", label: "実体 (entity)", kind: "entity" },
      { name: "from", label: "期間・開始 (from)", kind: "date" },
      { name: "to", label: "期間・終了 (to)", kind: "date" },
      { name: "min_events", label: "最少事象数 (min events)", kind: "number", min: 1, max: 1000 },
    ],
  });
  const name = await entityName(values.entity);
  let content;
  try {
    const g = await getJSON("/api/graph", values);
    content = g.nodes.length ? graphView(g, values.entity) : empty("該当する関係はありません。(no actor → recipient events)");
  } catch (err) {
    content = errorBox(err);
  }
  const title = name ? `関係図：${name}` : "関係図";
  const lead = "行為者 → 対象 の事象（否定されたものを除く）。線の太さは事象数、ノードをクリックすると実体のページへ";
  return { title, node: page(title, lead, form, related(values, "graph"), content) };
}

/**
 * Node positions by a force-directed layout (Fruchterman–Reingold): nodes repel, edges
 * pull, everything drifts a little toward the centre. Starts from a circle in id order
 * and uses no randomness, so the same graph is always drawn the same way.
 */
export function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: width / 2 + (width / 3) * Math.cos(a), y: height / 2 + (height / 3) * Math.sin(a) };
  });
  if (n < 2) return pos.map(() => ({ x: width / 2, y: height / 2 }));
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  // one spring per pair of nodes, however many event types link them
  const pairs = new Map();
  for (const e of edges) {
    const [a, b] = [index.get(e.source), index.get(e.target)].sort((x, y) => x - y);
    if (a !== undefined && b !== undefined && a !== b) pairs.set(a * n + b, [a, b]);
  }
  const links = [...pairs.values()];
  const k = 0.85 * Math.sqrt((width * height) / n);
  let temp = width / 8;
  for (let iter = 0; iter < 300; iter++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x || 0.01 * (i - j);
        const dy = pos[i].y - pos[j].y || 0.01;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const f = (k * k) / d2; // repulsion k²/d, as a factor of (dx, dy)/d
        disp[i].x += dx * f;
        disp[i].y += dy * f;
        disp[j].x -= dx * f;
        disp[j].y -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const f = d / k; // attraction d²/k, as a factor of (dx, dy)/d
      disp[a].x -= dx * f;
      disp[a].y -= dy * f;
      disp[b].x += dx * f;
      disp[b].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (width / 2 - pos[i].x) * 0.05;
      disp[i].y += (height / 2 - pos[i].y) * 0.05;
      const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
      pos[i].x += (disp[i].x / d) * Math.min(d, temp);
      pos[i].y += (disp[i].y / d) * Math.min(d, temp);
    }
    temp = Math.max(temp * 0.97, 1);
  }
  return fit(pos, width, height, 110, 50);
}

/** Scale positions into the box with margins (labels need room left and right). */
function fit(pos, width, height, mx, my) {
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (width - 2 * mx) / Math.max(x1 - x0, 1);
  const sy = (height - 2 * my) / Math.max(y1 - y0, 1);
  return pos.map((p) => ({ x: mx + (p.x - x0) * sx, y: my + (p.y - y0) * sy }));
}

function graphView(g, focus) {
  const pos = layout(g.nodes, g.edges, W, H);
  const at = new Map(g.nodes.map((node, i) => [node.id, { ...node, ...pos[i], degree: 0 }]));
  for (const e of g.edges) {
    if (at.has(e.source)) at.get(e.source).degree += e.events;
    if (at.has(e.target)) at.get(e.target).degree += e.events;
  }
  for (const node of at.values()) node.r = Math.min(26, 9 + 2.5 * Math.sqrt(node.degree));

  const root = svg("svg", { class: "graph", viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": `関係図：${g.nodes.length}の実体、${g.edges.length}の関係` });
  root.appendChild(
    svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, markerUnits: "userSpaceOnUse", orient: "auto" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow-head" }))),
  );
  const edgeLayer = svg("g", { class: "edges" });
  const labelLayer = svg("g", { class: "edge-labels" });
  const nodeLayer = svg("g", { class: "nodes" });
  const edgeEls = [];
  const maxEvents = Math.max(...g.edges.map((e) => e.events), 1);
  for (const [e, bend] of bends(g.edges)) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    const { d, mid } = curve(a, b, bend);
    const tip = `${a.name} → ${b.name}：${typeLabel(e.type)}（${e.type}）${e.events}件・${e.documents}記事`;
    const width = 1.2 + 5 * Math.sqrt(e.events / maxEvents);
    const path = svg("path", { class: ["edge", token("ev-", e.type)], d, "stroke-width": width.toFixed(2), "marker-end": "url(#arrow)" }, svg("title", {}, tip));
    const label = svg("text", { class: "edge-label", x: mid.x, y: mid.y, "text-anchor": "middle", "dominant-baseline": "middle" }, `${shortType(e.type)} ${e.events}`);
    edgeLayer.appendChild(path);
    labelLayer.appendChild(label);
    edgeEls.push({ e, path, label });
  }
  for (const node of at.values()) {
    const a = svg(
      "a",
      { href: routes.entity(node.id), class: ["node", token("ent-", node.type), node.id === focus && "focus"], "data-id": node.id },
      svg("title", {}, `${node.name}（${ENTITY_TYPES[node.type] || node.type || "—"}）`),
      svg("circle", { cx: node.x, cy: node.y, r: node.r }),
      svg("text", { x: node.x, y: node.y + node.r + 14, "text-anchor": "middle" }, node.name),
    );
    // hovering a node dims the edges that do not touch it
    const highlight = (on) => {
      root.classList.toggle("focusing", on);
      for (const el of edgeEls) {
        const touches = el.e.source === node.id || el.e.target === node.id;
        el.path.classList.toggle("hot", on && touches);
        el.label.classList.toggle("hot", on && touches);
      }
    };
    a.addEventListener("mouseenter", () => highlight(true));
    a.addEventListener("mouseleave", () => highlight(false));
    a.addEventListener("focus", () => highlight(true));
    a.addEventListener("blur", () => highlight(false));
    nodeLayer.appendChild(a);
  }
  root.append(edgeLayer, labelLayer, nodeLayer);
  return h("div", { class: "graph-wrap" }, root, graphKey(g));
}

/** "協議・会談" → "協議": edge labels stay short. */
function shortType(type) {
  return typeLabel(type).split("・")[0];
}

/**
 * Each edge with its bend: edges between the same two nodes (several types, or both
 * directions) fan out as curves on alternating sides; a lone edge is straight.
 */
function bends(edges) {
  const groups = new Map();
  for (const e of edges) {
    const key = [e.source, e.target].sort().join("\u0000");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const out = [];
  for (const list of groups.values()) {
    list.forEach((e, i) => {
      // offsets …, -1, 0, +1 … measured against the pair's sorted direction
      let off = (i - (list.length - 1) / 2) * 34;
      if (e.source > e.target) off = -off;
      out.push([e, off]);
    });
  }
  return out;
}

/** A quadratic curve from the rim of node a to just before the rim of node b. */
function curve(a, b, bend) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.max(Math.hypot(dx, dy), 1);
  const nx = -dy / len;
  const ny = dx / len;
  const c = { x: (a.x + b.x) / 2 + nx * bend, y: (a.y + b.y) / 2 + ny * bend };
  const from = toward(a, c, a.r + 1);
  const to = toward(b, c, b.r + 3);
  const mid = { x: 0.25 * from.x + 0.5 * c.x + 0.25 * to.x, y: 0.25 * from.y + 0.5 * c.y + 0.25 * to.y };
  const f = (n) => n.toFixed(1);
  return { d: `M${f(from.x)},${f(from.y)} Q${f(c.x)},${f(c.y)} ${f(to.x)},${f(to.y)}`, mid };
}

function toward(p, q, dist) {
  const d = Math.max(Math.hypot(q.x - p.x, q.y - p.y), 1);
  return { x: p.x + ((q.x - p.x) / d) * dist, y: p.y + ((q.y - p.y) / d) * dist };
}

function graphKey(g) {
  const types = [...new Set(g.nodes.map((n) => n.type))];
  return h(
    "p",
    { class: "legend" },
    types.map((t) => h("span", { class: ["key", "ent", token("ent-", t)] }, ENTITY_TYPES[t] || t)),
    h("span", { class: "muted" }, `${g.nodes.length}実体・${g.edges.length}関係`),
  );
}
