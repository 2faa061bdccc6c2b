// The server side's settings, read at request time from the environment:
//   TILEDESK_BASE_URL (default https://api.tiledesk.com/v3), TILEDESK_TOKEN,
//   TILEDESK_PROJECT_ID, TILEDESK_REQUEST_ID.
import { TiledeskClient } from 'tidings';

export function serverSettings() {
  return {
    baseUrl: process.env.TILEDESK_BASE_URL ?? 'https://api.tiledesk.com/v3',
    token: process.env.TILEDESK_TOKEN ?? '',
    projectId: process.env.TILEDESK_PROJECT_ID ?? '',
    requestId: process.env.TILEDESK_REQUEST_ID ?? '',
  };
}

/** The messages of the configured request, listed on the server. */
export async function listOnServer() {
  const { baseUrl, token, projectId, requestId } = serverSettings();
  const tiledesk = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token } });
  return tiledesk.listMessages({ projectId, requestId });
}

/** Which runtime runs this code: Next.js's edge sandbox defines `EdgeRuntime`. */
export function runtimeName() {
  return typeof EdgeRuntime === 'string' ? 'edge' : 'nodejs';
}
