// The fault table (tests/js/faults/cases.mjs) in Node: one node:test test per
// row, against the built package (pkg/node.mjs) and a mock server started in
// this process. tests/browser/faults.test.mjs runs the same rows in Chromium.
//
//   node --test tests/js/faults.test.mjs

import { test, before, after } from 'node:test';
import * as pkg from '../../pkg/node.mjs';
import { startMockServer } from '../mock/server.mjs';
import { faultCases, runFaultCase } from './faults/cases.mjs';
import { closedLoopbackUrl } from './faults/closed-port.mjs';

let mock;
let env;

before(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  env = { pkg, mockUrl: mock.url, closedUrl: await closedLoopbackUrl() };
});

after(() => mock?.close());

for (const row of faultCases) {
  test(`fault: ${row.name}`, () => runFaultCase(row, env));
}
