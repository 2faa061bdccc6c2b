// Size budget of the built package: fails when pkg/tidings_bg.wasm,
// gzipped at level 9, grows beyond tests/size-budget.json's `wasmGzipBytes`
// (the size measured by `npm run bench` plus 5%). When a change shrinks the
// wasm for good, lower the budget to the new size plus 5% (see BENCHMARKS.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const wasmUrl = new URL('../../pkg/tidings_bg.wasm', import.meta.url);
const budgetUrl = new URL('../size-budget.json', import.meta.url);

test('gzipped tidings_bg.wasm stays within the size budget', (t) => {
  const budget = JSON.parse(readFileSync(budgetUrl, 'utf8'));
  assert.ok(Number.isInteger(budget.wasmGzipBytes) && budget.wasmGzipBytes > 0, 'tests/size-budget.json needs a positive integer wasmGzipBytes');
  assert.ok(existsSync(wasmUrl), 'pkg/tidings_bg.wasm is missing: build the package first (npm run build)');
  const raw = readFileSync(wasmUrl);
  const gzipped = gzipSync(raw, { level: 9 }).length;
  const line = `tidings_bg.wasm: ${gzipped} B gzipped (level 9), ${raw.length} B raw; budget ${budget.wasmGzipBytes} B (measured ${budget.measured} B + 5%)`;
  t.diagnostic(line);
  if (gzipped < budget.measured * 0.9) {
    t.diagnostic(`the wasm is now well under the measured size: lower wasmGzipBytes in tests/size-budget.json to ${Math.ceil(gzipped * 1.05)}`);
  }
  assert.ok(
    gzipped <= budget.wasmGzipBytes,
    `tidings_bg.wasm is ${gzipped} B gzipped, over its budget of ${budget.wasmGzipBytes} B by ${gzipped - budget.wasmGzipBytes} B. `
      + 'Find what grew with `node bench/wasm-sizes.mjs` on a build with names (BENCHMARKS.md); raise the budget only for a growth that is worth it.',
  );
});
