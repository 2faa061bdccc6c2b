// Lists the messages of a Tiledesk request; everything comes from the query string:
//
//   index.html?baseUrl=https://api.tiledesk.com/v3&token=JWT...&projectId=...&requestId=...
//
// webpack 5 sees `new URL('tidings_bg.wasm', import.meta.url)` in tidings'
// browser entry and emits the wasm as an asset of the build, with no loader,
// plugin or copy step; it is fetched on the first call.
import { TiledeskClient, isTidingsError } from 'tidings';

const params = new URLSearchParams(location.search);
const status = document.querySelector('#status');
const rows = document.querySelector('#messages tbody');

async function main() {
  const tiledesk = new TiledeskClient({
    baseUrl: params.get('baseUrl') ?? 'https://api.tiledesk.com/v3',
    auth: { kind: 'jwt', token: params.get('token') ?? '' },
  });
  status.textContent = 'listing…';
  const messages = await tiledesk.listMessages({ projectId: params.get('projectId') ?? '', requestId: params.get('requestId') ?? '' });
  for (const message of messages) {
    const row = rows.insertRow();
    row.dataset.id = message.id;
    const cells = {
      id: message.id,
      sender: message.senderFullname ?? message.sender ?? '?',
      text: message.text ?? `(${message.type})`,
      status: `${message.status} (${message.statusName})`,
    };
    for (const [field, value] of Object.entries(cells)) {
      const cell = row.insertCell();
      cell.dataset.field = field;
      cell.textContent = value; // never innerHTML: message texts come from other people
    }
  }
  status.textContent = 'done';
}

main().catch((error) => {
  status.textContent = isTidingsError(error) ? `error: ${error.kind}: ${error.message}` : `error: ${error}`;
  console.error(error);
});
