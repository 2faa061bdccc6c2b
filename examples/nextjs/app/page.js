// A server component: tidings runs in Node, on each request (never at build time).
import { isTidingsError } from 'tidings';
import { MessagesTable } from './messages-table.js';
import { listOnServer, serverSettings } from './tiledesk.js';

export const dynamic = 'force-dynamic';

export default async function ServerPage() {
  const { requestId, baseUrl } = serverSettings();
  let messages = [];
  let status = 'done';
  try {
    messages = await listOnServer();
  } catch (error) {
    status = isTidingsError(error) ? `error: ${error.kind}: ${error.message}` : `error: ${error}`;
  }
  return (
    <main>
      <h1>Tiledesk messages, listed by a server component</h1>
      <p>
        Request <code>{requestId}</code> on <code>{baseUrl}</code>
      </p>
      <p>
        Status: <strong id="status">{status}</strong>
      </p>
      <MessagesTable messages={messages} />
    </main>
  );
}
