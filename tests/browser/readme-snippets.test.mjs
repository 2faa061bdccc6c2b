// Every JavaScript block of README.md (each ```js block, and the module script
// of each ```html block), and of pkg-template/README.md (the npm README's own
// head; the rest of the npm README is README.md's user guide), runs as written
// against the mock server, with the built package (pkg/):
//
// - Where: a block written for a page (an html block, or one that uses
//   `location`, `document` or `window`) runs in headless Chromium, as a module
//   imported by a page on 127.0.0.1 whose import map sends 'tidings' to the
//   package's browser entry; every other block runs in Node, as an .mjs file
//   beside a node_modules/tidings that is pkg/.
// - Hosts: the documented hosts are swapped for the mock's address inside
//   `fetch`, not in the text: before the block runs, the global fetch is
//   wrapped (Node: a module preloaded with --import; Chromium: a classic script
//   ahead of the block) so that a request to https://api.tiledesk.com/v3/...
//   goes to <mock>/v3/..., and one to https://api.flatchr.io/... or
//   https://api.demo.flatchr.io/... to <mock>/.... The defaults compiled into
//   the package are used as they are. A request to any other address than the
//   mock's or the page's own is refused, so a block cannot reach the network.
// - Accounts: the README's example accounts are unknown to the mock; they are
//   the one change to a block's text (agent@example.com becomes the mock's
//   Tiledesk agent, recruiter@example.com its Flatchr recruiter). Secrets come
//   from what the blocks read, set to the mock's: process.env.TILEDESK_TOKEN,
//   TILEDESK_PASSWORD, FLATCHR_API_KEY, FLATCHR_PASSWORD in Node; the page's
//   query string (token, projectId, requestId) in Chromium.
//
// A block passes when it ends without an error (Node: exit code 0 and nothing
// on stderr; Chromium: its module resolves, no page error), and, when it awaits
// anything, the mock answered it at least once.
//
//   node --test tests/browser/readme-snippets.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fixtures from '../mock/server.mjs';
import { launchBrowser, watchPage } from './lib/chromium.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = join(root, 'pkg');
const work = join(root, 'tmp', 'readme-snippets');

/** Documented host → path on the mock. */
const HOSTS = {
  'https://api.tiledesk.com/v3': '/v3',
  'https://api.flatchr.io': '',
  'https://api.demo.flatchr.io': '',
};

/** The README's example accounts → the mock's. */
const ACCOUNTS = {
  'agent@example.com': fixtures.TILEDESK_CREDENTIALS.andrea.email,
  'recruiter@example.com': fixtures.FLATCHR_LOGIN.email,
};

/** The JavaScript blocks of a Markdown file: { name, lang, code, browser }. */
function blocks(file) {
  const text = readFileSync(join(root, file), 'utf8');
  const found = [];
  for (const m of text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
    const line = text.slice(0, m.index).split('\n').length;
    const name = `${file}:${line}`;
    if (m[1] === 'js' || m[1] === 'javascript' || m[1] === 'mjs') {
      found.push({ name, code: m[2], browser: /\b(location|document|window)\./.test(m[2]) });
    } else if (m[1] === 'html') {
      const scripts = [...m[2].matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
      assert.ok(scripts.length > 0, `${name}: an html block without a module script`);
      for (const s of scripts) found.push({ name, code: s[1], browser: true });
    }
  }
  return found;
}

/** The block's text with the example accounts swapped for the mock's. */
function withMockAccounts(code) {
  let out = code;
  for (const [from, to] of Object.entries(ACCOUNTS)) out = out.replaceAll(from, to);
  return out;
}

/** Source of the fetch wrapper: documented hosts → the mock, anything else but loopback refused. */
function fetchWrapper(mockUrl) {
  return `{
  const hosts = ${JSON.stringify(Object.entries(HOSTS))};
  const mock = ${JSON.stringify(mockUrl)};
  const real = globalThis.fetch;
  globalThis.fetch = function fetch(input, init) {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (const [host, path] of hosts) {
      if (url === host || url.startsWith(host + '/') || url.startsWith(host + '?')) {
        url = mock + path + url.slice(host.length);
        input = typeof input === 'string' || input instanceof URL ? url : new Request(url, input);
        break;
      }
    }
    if (!/^https?:\\/\\/127\\.0\\.0\\.1[:/]/.test(url) && !url.startsWith(globalThis.location?.origin ?? '\\0')) {
      return Promise.reject(new TypeError('the README test refuses a request to ' + url));
    }
    return real.call(this, input, init);
  };
}
`;
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>README block</title>
<script src="/fetch-wrapper.js"></script>
<script type="importmap">{ "imports": { "tidings": "/node_modules/tidings/browser.js" } }</script>
<body>
<script type="module">
import('/' + location.hash.slice(1)).then(
  () => { window.snippetResult = 'ok'; },
  (error) => { window.snippetResult = 'error: ' + (error && error.stack || error); },
);
</script>
</body>
`;

const snippets = [...blocks('README.md'), ...(existsSync(join(root, 'pkg-template', 'README.md')) ? blocks('pkg-template/README.md') : [])];

let mock;
let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(pkgDir, 'node.mjs')), 'pkg/ is not built: run node scripts/build.mjs');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  symlinkSync(pkgDir, join(work, 'node_modules', 'tidings'), 'dir');
  mock = await fixtures.startMockServer();
  // The same wrapper for the page (a classic script) and for Node (a module preloaded with --import).
  writeFileSync(join(work, 'fetch-wrapper.js'), fetchWrapper(mock.url));
  writeFileSync(join(work, 'fetch-wrapper.mjs'), fetchWrapper(mock.url));
  writeFileSync(join(work, 'index.html'), PAGE);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

test('the README has JavaScript blocks for Node and for a page', () => {
  assert.ok(snippets.filter((s) => !s.browser).length >= 5, `only ${snippets.length} blocks found`);
  assert.ok(snippets.some((s) => s.browser), 'no block for a page found');
  for (const from of Object.keys(ACCOUNTS)) assert.ok(snippets.some((s) => s.code.includes(from)), `no block uses ${from} any more: drop it from ACCOUNTS`);
});

const run = (file, args, options) =>
  new Promise((resolve) => {
    execFile(file, args, { ...options, timeout: 60_000 }, (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }));
  });

snippets.forEach((snippet, index) => {
  const where = snippet.browser ? 'Chromium' : 'Node';
  test(`${snippet.name} runs as written in ${where}`, async () => {
    const file = `block-${index}.mjs`;
    writeFileSync(join(work, file), withMockAccounts(snippet.code));
    mock.reset();
    if (!snippet.browser) {
      const result = await run(process.execPath, ['--import', './fetch-wrapper.mjs', file], {
        cwd: work,
        env: {
          ...process.env,
          TILEDESK_TOKEN: fixtures.TILEDESK_JWT,
          TILEDESK_PASSWORD: fixtures.TILEDESK_CREDENTIALS.andrea.password,
          FLATCHR_API_KEY: fixtures.FLATCHR_API_KEY,
          FLATCHR_PASSWORD: fixtures.FLATCHR_LOGIN.password,
        },
      }).catch((error) => ({ code: 1, stdout: '', stderr: String(error) }));
      assert.equal(result.code, 0, `exit ${result.code}\n${result.stderr}\n${result.stdout}`);
      assert.equal(result.stderr.trim(), '', 'it wrote to stderr');
    } else {
      server ??= await startStaticServer(work);
      browser ??= await launchBrowser();
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      const query = new URLSearchParams({ token: fixtures.TILEDESK_JWT, projectId: fixtures.TILEDESK_PROJECT_ID, requestId: fixtures.TILEDESK_REQUEST_ID });
      await page.goto(`${server.url}/index.html?${query}#${file}`);
      const result = await page
        .waitForFunction(() => window.snippetResult, null, { timeout: 30_000 })
        .then((handle) => handle.jsonValue())
        .catch((error) => `no result: ${error.message.split('\n')[0]}`);
      await page.close();
      assert.equal(result, 'ok', problems.join('\n'));
      assert.deepEqual(problems, []);
    }
    if (/\bawait\b/.test(snippet.code)) assert.ok(mock.requests().length > 0, 'the mock answered nothing');
  });
});
