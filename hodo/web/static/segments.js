// Cutting a text into non-overlapping segments under overlapping annotations.
//
// hodo's offsets are Python string indices, i.e. code points. A JavaScript string is
// indexed by UTF-16 code units, which differ as soon as a character lies outside the
// BMP (𠮷, emoji): so the text is first split into code points with Array.from().

/**
 * Segments of `text` such that no annotation starts or ends inside one.
 *
 * spans: [{start, end, ...}] in code points, may overlap, nest or be out of range (they
 * are clipped; empty or reversed ones are dropped).
 * Returns [{start, end, text, spans: [the annotations covering the whole segment]}],
 * covering the text from 0 to its end without gaps, in order.
 */
export function segment(text, spans) {
  const chars = Array.from(String(text ?? ""));
  const n = chars.length;
  const valid = [];
  for (const s of spans || []) {
    const start = Math.max(0, Math.min(n, Math.trunc(Number(s.start))));
    const end = Math.max(0, Math.min(n, Math.trunc(Number(s.end))));
    if (Number.isFinite(start) && Number.isFinite(end) && start < end) valid.push({ ...s, start, end });
  }
  const cuts = new Set([0, n]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  valid.sort((a, b) => a.start - b.start);

  // sweep from left to right, keeping the annotations open at the current point
  const out = [];
  let next = 0;
  let open = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    open = open.filter((s) => s.end > a);
    while (next < valid.length && valid[next].start <= a) open.push(valid[next++]);
    out.push({ start: a, end: b, text: chars.slice(a, b).join(""), spans: open.filter((s) => s.end >= b) });
  }
  return out;
}

/** The code-point slice [start, end) of a text. */
export function slice(text, start, end) {
  return Array.from(String(text ?? ""))
    .slice(start, end)
    .join("");
}
