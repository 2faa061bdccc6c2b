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
// - The realtime socket: in the same way, a WebSocket to the hosted realtime
//   endpoint (wss://rtm.tiledesk.com/v2/...) goes to the mock's realtime side
//   (Chromium: the page's WebSocket class is wrapped; Node: a block's
//   `import WebSocket from 'ws'` resolves to the ws class wrapped alike, through
//   a module hook), and any other non-loopback socket is refused. A block that
//   watches must have opened the mock's socket.
// - Markup: an html block's elements other than its module script are put in
//   the page's body before the script runs.
// - A block that runs until it is stopped (it follows a conversation) is
//   stopped as its user would stop it: a Node block that listens for SIGINT
//   gets SIGINT once it has printed a line (Ctrl-C); a page block that listens
//   for `pagehide` gets that event once the page shows a list item.
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
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
      found.push({ name, code: m[2], markup: '', browser: /\b(location|document|window)\./.test(m[2]) });
    } else if (m[1] === 'html') {
      const scripts = [...m[2].matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
      assert.ok(scripts.length > 0, `${name}: an html block without a module script`);
      const markup = m[2].replace(/<script type="module">[\s\S]*?<\/script>/g, '').trim();
      for (const s of scripts) found.push({ name, code: s[1], markup, browser: true });
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

/** The realtime host → the mock's realtime side; anything else but loopback refused. */
function socketSwap(mockUrl) {
  return `(url) => {
  const from = 'wss://rtm.tiledesk.com/v2';
  let text = String(url);
  if (text === from || text.startsWith(from + '/') || text.startsWith(from + '?')) text = ${JSON.stringify(mockUrl.replace(/^http/, 'ws'))} + text.slice(from.length);
  if (!/^wss?:\\/\\/127\\.0\\.0\\.1[:/]/.test(text)) throw new TypeError('the README test refuses a socket to ' + text.split('?')[0]);
  return text;
}`;
}

/** Source of the page's WebSocket wrapper (a classic script, after the fetch wrapper). */
function pageSocketWrapper(mockUrl) {
  return `{
  const swap = ${socketSwap(mockUrl)};
  const Real = globalThis.WebSocket;
  globalThis.WebSocket = class WebSocket extends Real {
    constructor(url, protocols) {
      super(swap(url), protocols);
    }
  };
}
`;
}

/** Node: the ws class wrapped alike, and the module hook that hands it to blocks importing 'ws'. */
function nodeSocketFiles(mockUrl, work) {
  const wrapped = `import Real from 'ws';
const swap = ${socketSwap(mockUrl)};
export default class WebSocket extends Real {
  constructor(url, ...rest) {
    super(swap(url), ...rest);
  }
}
`;
  const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'ws' && /\\/block-\\d+\\.mjs$/.test(context.parentURL ?? '')) return { url: ${JSON.stringify(pathToFileURL(join(work, 'ws-swap.mjs')).href)}, shortCircuit: true };
  return next(specifier, context);
}
`;
  const register = `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(work, 'ws-hook.mjs')).href)});
`;
  return { 'ws-swap.mjs': wrapped, 'ws-hook.mjs': hook, 'ws-register.mjs': register };
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>README block</title>
<script src="/fetch-wrapper.js"></script>
<script src="/socket-wrapper.js"></script>
<script type="importmap">{ "imports": { "tidings": "/node_modules/tidings/browser.js" } }</script>
<body>
<script type="module">
const file = location.hash.slice(1);
document.body.insertAdjacentHTML('afterbegin', await (await fetch(new URL('/' + file.replace(/\.mjs$/, '.html'), location.href))).text());
import('/' + file).then(
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
  writeFileSync(join(work, 'socket-wrapper.js'), pageSocketWrapper(mock.url));
  for (const [name, text] of Object.entries(nodeSocketFiles(mock.url, work))) writeFileSync(join(work, name), text);
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

/** Runs a command (60 s at most); with `interruptAfterOutput`, sends it SIGINT once it has printed a line. */
const run = (file, args, options, interruptAfterOutput = false) =>
  new Promise((resolve) => {
    const child = spawn(file, args, options);
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (interruptAfterOutput && !interrupted && stdout.includes('\n')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => (stderr += String(error)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });

snippets.forEach((snippet, index) => {
  const where = snippet.browser ? 'Chromium' : 'Node';
  test(`${snippet.name} runs as written in ${where}`, async () => {
    const file = `block-${index}.mjs`;
    writeFileSync(join(work, file), withMockAccounts(snippet.code));
    writeFileSync(join(work, file.replace(/\.mjs$/, '.html')), snippet.markup);
    mock.reset();
    if (!snippet.browser) {
      const untilStopped = /process\.(once|on)\('SIGINT'/.test(snippet.code);
      const result = await run(process.execPath, ['--import', './fetch-wrapper.mjs', '--import', './ws-register.mjs', file], {
        cwd: work,
        env: {
          ...process.env,
          TILEDESK_TOKEN: fixtures.TILEDESK_JWT,
          TILEDESK_PASSWORD: fixtures.TILEDESK_CREDENTIALS.andrea.password,
          FLATCHR_API_KEY: fixtures.FLATCHR_API_KEY,
          FLATCHR_PASSWORD: fixtures.FLATCHR_LOGIN.password,
        },
      }, untilStopped).catch((error) => ({ code: 1, stdout: '', stderr: String(error) }));
      assert.equal(result.code, 0, `exit ${result.code}\n${result.stderr}\n${result.stdout}`);
      assert.equal(result.stderr.trim(), '', 'it wrote to stderr');
    } else {
      server ??= await startStaticServer(work);
      browser ??= await launchBrowser();
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      const query = new URLSearchParams({ token: fixtures.TILEDESK_JWT, projectId: fixtures.TILEDESK_PROJECT_ID, requestId: fixtures.TILEDESK_REQUEST_ID });
      await page.goto(`${server.url}/index.html?${query}#${file}`);
      if (/addEventListener\('pagehide'/.test(snippet.code)) {
        await page.waitForSelector('li', { timeout: 30_000 }).catch(() => {});
        await page.evaluate(() => dispatchEvent(new Event('pagehide')));
      }
      const result = await page
        .waitForFunction(() => window.snippetResult, null, { timeout: 30_000 })
        .then((handle) => handle.jsonValue())
        .catch((error) => `no result: ${error.message.split('\n')[0]}`);
      await page.close();
      assert.equal(result, 'ok', problems.join('\n'));
      assert.deepEqual(problems, []);
    }
    if (/\bawait\b/.test(snippet.code)) assert.ok(mock.requests().length > 0, 'the mock answered nothing');
    if (/\.watchMessages\(/.test(snippet.code)) assert.ok(mock.realtime.upgrades() > 0, 'the watch opened no socket to the mock');
  });
});
