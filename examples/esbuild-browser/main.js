// Lists the messages of a Tiledesk request; everything comes from the query string:
//
//   index.html?baseUrl=https://api.tiledesk.com/v3&token=JWT...&projectId=...&requestId=...
//
// build.mjs bundles it with esbuild. The wasm is fetched on the first call,
// from tidings_bg.wasm next to the bundle, where build.mjs copies it.
import { TiledeskClient, TidingsError } from 'tidings';

const params = new URLSearchParams(location.search);
const status = document.querySelector('#status');
const rows = document.querySelector('#messages tbody');

try {
  const tiledesk = new TiledeskClient({
    baseUrl: params.get('baseUrl') ?? 'https://api.tiledesk.com/v3',
    auth: { kind: 'jwt', token: params.get('token') ?? '' },
  });
  const messages = await tiledesk.listMessages({ projectId: params.get('projectId') ?? '', requestId: params.get('requestId') ?? '' });
  for (const message of messages) {
    const row = rows.insertRow();
    row.dataset.id = message.id;
    const cells = { sender: message.senderFullname ?? message.sender ?? '?', text: message.text ?? `(${message.type})`, status: `${message.status} (${message.statusName})` };
    for (const [field, value] of Object.entries(cells)) {
      const cell = row.insertCell();
      cell.dataset.field = field;
      cell.textContent = value;
    }
  }
  status.textContent = 'done';
} catch (error) {
  status.textContent = error instanceof TidingsError ? `error: ${error.kind}: ${error.message}` : `error: ${error}`;
}
