// Small statistics and table helpers for the benchmarks (no dependencies).

/** The median of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The q-quantile (0..1) by linear interpolation. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Per-round ratios a[i] / b[i] (the two lists come from the same rounds). */
export function pairRatios(a, b) {
  return a.map((x, i) => x / b[i]);
}

/** Per-round differences a[i] - b[i]. */
export function pairDiffs(a, b) {
  return a.map((x, i) => x - b[i]);
}

/** "1.234 ms", "56.7 µs", "2.31 s". */
export function ms(value) {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (abs >= 100) return `${value.toFixed(1)} ms`;
  if (abs >= 1) return `${value.toFixed(2)} ms`;
  return `${(value * 1000).toFixed(1)} µs`;
}

/** "1.07×". */
export function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** "143,423 B (140.1 KiB)". */
export function bytes(value) {
  if (!Number.isFinite(value)) return 'n/a';
  const kib = value / 1024;
  const text = value.toLocaleString('en-US');
  if (kib < 1) return `${text} B`;
  if (kib < 1024) return `${text} B (${kib.toFixed(1)} KiB)`;
  return `${text} B (${(kib / 1024).toFixed(2)} MiB)`;
}

/** A signed byte delta: "+12,288 B" / "-4,096 B" / "0 B". */
export function bytesDelta(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value > 0 ? '+' : ''}${value.toLocaleString('en-US')} B`;
}

/**
 * A plain-text table with a header row; columns are left-aligned except those
 * whose every body cell looks numeric. Returns the text.
 */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,]+/.test(String(row[c] ?? ''))));
  const line = (row) => row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** The same table as GitHub Markdown. */
export function markdownTable(header, rows) {
  const esc = (cell) => String(cell).replaceAll('|', '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}
