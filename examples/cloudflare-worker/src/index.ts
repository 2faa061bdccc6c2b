// tidings in a Cloudflare Worker: a small JSON API over a Tiledesk request and
// a Flatchr applicant, the kind of handler a webhook or a dashboard calls.
//
//   GET  /tiledesk/requests/:requestId/messages     the request's messages
//   POST /tiledesk/requests/:requestId/messages     { "text": "..." }: sends one, answers it
//   GET  /flatchr/applicants/:applicantId/messages  the applicant's messages
//
// Settings come from the Worker's environment: TILEDESK_BASE_URL,
// TILEDESK_PROJECT_ID, FLATCHR_BASE_URL, FLATCHR_COMPANY_ID in wrangler.jsonc
// (typed in worker-configuration.d.ts, made by `npm run cf-typegen`); the
// tokens TILEDESK_TOKEN and FLATCHR_TOKEN as secrets.
import { FlatchrClient, TiledeskClient, isTidingsError } from 'tidings';

/** The secrets (`wrangler secret put`, or .dev.vars for `wrangler dev`). */
interface Secrets {
  TILEDESK_TOKEN?: string;
  FLATCHR_TOKEN?: string;
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body, null, 2), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/** What a failed call answers: a TidingsError's kind and message (they never hold a credential). */
function failure(error: unknown): Response {
  if (!isTidingsError(error)) throw error;
  const status = error.kind === 'invalidInput' || error.kind === 'config' ? 400 : 502;
  return json({ error: { kind: error.kind, status: error.status, field: error.field, message: error.message } }, status);
}

/** A path segment, percent-decoded when it is well formed. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default {
  async fetch(request, env: Env & Secrets): Promise<Response> {
    const url = new URL(request.url);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeSegment);
    try {
      if (parts[0] === 'tiledesk' && parts[1] === 'requests' && parts[3] === 'messages' && parts.length === 4) {
        // One client per request: it holds the token in wasm memory only while it is used.
        using tiledesk = new TiledeskClient({ baseUrl: env.TILEDESK_BASE_URL, auth: { kind: 'jwt', token: env.TILEDESK_TOKEN ?? '' } });
        const requestId = parts[2];
        const projectId = env.TILEDESK_PROJECT_ID;
        if (request.method === 'GET') {
          const messages = await tiledesk.listMessages({ projectId, requestId, signal: request.signal });
          return json({ requestId, count: messages.length, messages });
        }
        if (request.method === 'POST') {
          // A body that is not JSON sends nothing either: tidings refuses the missing text.
          const { text } = await request.json<{ text?: string }>().catch(() => ({ text: undefined }));
          const sent = await tiledesk.sendMessage({ projectId, requestId, message: { text: text ?? '', attributes: { source: 'cloudflare-worker' } } });
          return json(sent, 201);
        }
      }
      if (parts[0] === 'flatchr' && parts[1] === 'applicants' && parts[3] === 'messages' && parts.length === 4 && request.method === 'GET') {
        using flatchr = new FlatchrClient({ baseUrl: env.FLATCHR_BASE_URL, token: env.FLATCHR_TOKEN ?? '' });
        const applicantId = parts[2];
        const messages = await flatchr.listMessages({ companyId: env.FLATCHR_COMPANY_ID, applicantId, fields: ['author', 'mail', 'candidate'] });
        return json({ applicantId, count: messages.length, messages });
      }
      return json({ error: { message: `no route for ${request.method} ${url.pathname}` } }, 404);
    } catch (error) {
      return failure(error);
    }
  },
} satisfies ExportedHandler<Env & Secrets>;
