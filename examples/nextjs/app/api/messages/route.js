// A route handler: GET /api/messages answers the configured request's messages
// as JSON; `runtime` says which runtime answered (Node.js, the default).
import { isTidingsError } from 'tidings';
import { listOnServer, runtimeName } from '../../tiledesk.js';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const messages = await listOnServer();
    return Response.json({ runtime: runtimeName(), messages });
  } catch (error) {
    if (!isTidingsError(error)) throw error;
    return Response.json({ runtime: runtimeName(), error: { kind: error.kind, status: error.status, message: error.message } }, { status: 502 });
  }
}
