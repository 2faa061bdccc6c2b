// tidings in a plain page: lists the messages of a Tiledesk request and, when
// asked (`send=...`), sends one. Everything comes from the query string:
//
//   index.html?baseUrl=https://api.tiledesk.com/v3&token=JWT...&projectId=...&requestId=...[&send=Hello]
//
// The wasm (node_modules/tidings/tidings_bg.wasm, next to browser.js) is fetched
// once, on the first call. The server must allow this page's origin (CORS).
import { TiledeskClient, isTidingsError } from 'tidings';

const params = new URLSearchParams(location.search);
const baseUrl = params.get('baseUrl') ?? 'https://api.tiledesk.com/v3';
const projectId = params.get('projectId') ?? '';
const requestId = params.get('requestId') ?? '';
const status = document.querySelector('#status');
const rows = document.querySelector('#messages tbody');
document.querySelector('#base-url').textContent = baseUrl;
document.querySelector('#project').textContent = projectId || '(set projectId in the query string)';
document.querySelector('#request').textContent = requestId || '(set requestId in the query string)';

function show(message, note = '') {
  const row = rows.insertRow();
  row.dataset.id = message.id;
  const cells = {
    id: message.id,
    sender: message.senderFullname ?? message.sender ?? '?',
    text: message.text ?? `(${message.type})`,
    status: `${message.status} (${message.statusName})`,
    note,
  };
  for (const [field, value] of Object.entries(cells)) {
    const cell = row.insertCell();
    cell.dataset.field = field;
    cell.textContent = value; // never innerHTML: message texts come from other people
  }
}

try {
  const tiledesk = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: params.get('token') ?? '' } });
  status.textContent = 'listing…';
  const messages = await tiledesk.listMessages({ projectId, requestId });
  messages.forEach((m) => show(m));
  const text = params.get('send');
  if (text) {
    status.textContent = 'sending…';
    const sent = await tiledesk.sendMessage({ projectId, requestId, message: { text, attributes: { source: 'browser-example' } } });
    show(sent, 'sent just now');
  }
  status.textContent = 'done';
} catch (error) {
  status.textContent = isTidingsError(error)
    ? `error: ${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`
    : `error: ${error}`;
  console.error(error);
}
