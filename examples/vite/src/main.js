// tidings in a Vite app. `import ... from 'tidings'` resolves to the package's
// browser entry; it finds its wasm with `new URL('tidings_bg.wasm', import.meta.url)`,
// which Vite's build turns into a hashed asset in dist/assets/: no wasm plugin.
//
//   http://localhost:5173/?baseUrl=https://api.tiledesk.com/v3&token=JWT...&projectId=...&requestId=...
import { TiledeskClient, isTidingsError } from 'tidings';
import { renderMessage } from './render.js';
import './style.css';

const params = new URLSearchParams(location.search);
const baseUrl = params.get('baseUrl') ?? 'https://api.tiledesk.com/v3';
const projectId = params.get('projectId') ?? '';
const requestId = params.get('requestId') ?? '';
const status = document.querySelector('#status');
document.querySelector('#base-url').textContent = baseUrl;
document.querySelector('#project').textContent = projectId || '(set projectId in the query string)';
document.querySelector('#request').textContent = requestId || '(set requestId in the query string)';

async function main() {
  const tiledesk = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: params.get('token') ?? '' } });
  status.textContent = 'listing…';
  const messages = await tiledesk.listMessages({ projectId, requestId });
  const rows = document.querySelector('#messages tbody');
  messages.forEach((m) => renderMessage(rows, m));
  status.textContent = 'done';
}

main().catch((error) => {
  status.textContent = isTidingsError(error)
    ? `error: ${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`
    : `error: ${error}`;
  console.error(error);
});
