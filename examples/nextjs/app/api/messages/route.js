// A route handler: GET /api/messages answers the configured request's messages as JSON.
import { isTidingsError } from 'tidings';
import { listOnServer } from '../../tiledesk.js';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const messages = await listOnServer();
    return Response.json({ messages });
  } catch (error) {
    if (!isTidingsError(error)) throw error;
    return Response.json({ error: { kind: error.kind, status: error.status, message: error.message } }, { status: 502 });
  }
}
