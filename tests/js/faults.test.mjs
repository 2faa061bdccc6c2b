// The fault suite (issue 5, items 3 and 4) in Node: every case of
// tests/js/faults/cases.mjs as one node:test test, against the built package
// (pkg/node.mjs) and the mock server started in this process.
//
//   node --test tests/js/faults.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as pkg from '../../pkg/node.mjs';
import * as mockModule from '../mock/server.mjs';
import { faultCases, runFaultCase } from './faults/cases.mjs';
import { FIXTURES } from './faults/harness.mjs';
import { closedLoopbackUrl } from './faults/closed-port.mjs';

let mock;
let env;
let tried = 0;

before(async () => {
  mock = await mockModule.startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  env = { pkg, mockUrl: mock.url, closedUrl: await closedLoopbackUrl() };
});

after(async () => {
  await mock?.close();
  console.log(`fault cases tried: ${tried}`);
});

test('the fault suite\'s copy of the fixtures matches the mock\'s', () => {
  const td = FIXTURES.tiledesk;
  assert.equal(td.projectId, mockModule.TILEDESK_PROJECT_ID);
  assert.equal(td.requestId, mockModule.TILEDESK_REQUEST_ID);
  assert.equal(td.jwt, mockModule.TILEDESK_JWT);
  assert.deepEqual([td.email, td.password], [mockModule.TILEDESK_CREDENTIALS.andrea.email, mockModule.TILEDESK_CREDENTIALS.andrea.password]);
  assert.deepEqual([...td.seedIds], mockModule.TILEDESK_SEED_MESSAGES.map((m) => m._id));
  assert.deepEqual([...td.seedTexts], mockModule.TILEDESK_SEED_MESSAGES.map((m) => m.text));
  const fc = FIXTURES.flatchr;
  assert.equal(fc.companyId, mockModule.FLATCHR_COMPANY_ID);
  assert.equal(fc.applicantId, mockModule.FLATCHR_APPLICANT_ID);
  assert.equal(fc.sendApplicantId, mockModule.FLATCHR_APPLICANT_FR_ID);
  assert.equal(fc.apiKey, mockModule.FLATCHR_API_KEY);
  assert.equal(fc.userToken, mockModule.FLATCHR_USER_TOKEN);
  assert.deepEqual([...fc.seedIds], mockModule.FLATCHR_EN_MESSAGES.map((m) => m.id));
});

for (const testCase of faultCases) {
  const options = testCase.todo ? { todo: testCase.todo } : {};
  test(`fault: ${testCase.name}`, options, async () => {
    tried += 1;
    const result = await runFaultCase(testCase, env);
    if (!result.ok) throw result.error;
  });
}
