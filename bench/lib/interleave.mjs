// Runs contenders side by side: every round runs each contender once (a batch of
// `batch` sequential calls), in an order rotated every round (ABC, BCA, CAB, ...)
// so that no contender always follows the same one (GC debt, cache state,
// connection reuse are spread evenly). Samples are per call (batch time / batch).

import { performance } from 'node:perf_hooks';
import { median, pairRatios, pairDiffs, quantile } from './stats.mjs';

/**
 * @param {object} spec
 * @param {{ name: string, fn: () => Promise<unknown> | unknown }[]} spec.contenders
 * @param {number} spec.rounds   measured rounds
 * @param {number} spec.warmup   warm-up rounds (not recorded)
 * @param {number} [spec.batch]  calls per sample (to time sub-millisecond calls)
 * @param {number} [spec.maxMs]  stop measuring after this many ms (at least 20 rounds are kept)
 * @returns {Promise<{ samples: Record<string, number[]>, rounds: number }>}
 */
export async function interleave({ contenders, rounds, warmup, batch = 1, maxMs = Infinity }) {
  const n = contenders.length;
  const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < warmup; r++) {
    for (let i = 0; i < n; i++) {
      const c = contenders[(r + i) % n];
      for (let k = 0; k < batch; k++) await c.fn();
    }
  }
  const started = performance.now();
  let done = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const c = contenders[(r + i) % n];
      const t0 = performance.now();
      for (let k = 0; k < batch; k++) await c.fn();
      samples[c.name].push((performance.now() - t0) / batch);
    }
    done++;
    if (done >= 20 && performance.now() - started > maxMs) break;
  }
  return { samples, rounds: done, batch };
}

/** Median, p10 and p90 of each contender, and medians of per-round ratios/differences against `baseline`s. */
export function summarise(samples, pairs) {
  const stats = Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [name, { median: median(s), p10: quantile(s, 0.1), p90: quantile(s, 0.9), n: s.length }]),
  );
  const ratios = pairs.map(([a, b]) => ({
    a,
    b,
    ratio: median(pairRatios(samples[a], samples[b])),
    diff: median(pairDiffs(samples[a], samples[b])),
  }));
  return { stats, ratios };
}
