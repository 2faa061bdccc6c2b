// A route handler in the edge runtime: GET /api/edge answers the configured
// request's messages as JSON, as /api/messages does in Node. Next.js bundles
// it with the `edge-light` export condition, which leads to tidings' edge
// entry; `runtime` says which runtime answered.
import { isTidingsError } from 'tidings';
import { listOnServer, runtimeName } from '../../tiledesk.js';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';

export async function GET() {
  const answeredBy = runtimeName();
  try {
    const messages = await listOnServer();
    return Response.json({ runtime: answeredBy, messages });
  } catch (error) {
    if (!isTidingsError(error)) throw error;
    return Response.json({ runtime: answeredBy, error: { kind: error.kind, status: error.status, message: error.message } }, { status: 502 });
  }
}
