/** @jest-environment jsdom */
// Jest's jsdom environment, which hides Node's fetch, TextDecoder and
// TextEncoder: tidings takes Node's own where the test realm lacks them.
test('runs in a jsdom window', () => {
  expect(typeof window.document.createElement).toBe('function');
});
require('./shared.cjs')('jsdom');
