// `npm run demo`: packs the built package, installs it into examples/node-esm
// as a user would, starts the mock server and runs the example against it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mockModule from '../tests/mock/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'node-esm');
const tmp = join(root, 'tmp');
mkdirSync(tmp, { recursive: true });

const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: join(root, 'pkg'), encoding: 'utf8' })
  .trim()
  .split('\n')
  .at(-1);
execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', join(tmp, tarball)], { cwd: example, stdio: 'inherit' });

const mock = await mockModule.startMockServer();
console.log(`mock server of Tiledesk and Flatchr on ${mock.url}\n`);
// Run the example asynchronously: the mock serves from this process's event loop.
const runExample = (env) =>
  new Promise((resolve) => {
    spawn('node', ['demo.mjs'], { cwd: example, stdio: 'inherit', env }).on('close', resolve);
  });
let code;
try {
  code = await runExample({
      ...process.env,
      TILEDESK_BASE_URL: `${mock.url}/v3`,
      TILEDESK_TOKEN: mockModule.TILEDESK_JWT,
      TILEDESK_PROJECT_ID: mockModule.TILEDESK_PROJECT_ID,
      TILEDESK_REQUEST_ID: mockModule.TILEDESK_REQUEST_ID,
      FLATCHR_BASE_URL: mock.url,
      FLATCHR_TOKEN: mockModule.FLATCHR_API_KEY,
      FLATCHR_COMPANY_ID: mockModule.FLATCHR_COMPANY_ID,
      FLATCHR_APPLICANT_ID: mockModule.FLATCHR_APPLICANT_ID,
      FLATCHR_EMAIL: mockModule.FLATCHR_LOGIN.email,
      FLATCHR_PASSWORD: mockModule.FLATCHR_LOGIN.password,
  });
} finally {
  await mock.close();
}
process.exit(code ?? 1);
