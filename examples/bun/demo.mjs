// tidings from Bun, as an ES module: lists the messages of a Tiledesk request,
// sends one, fetches it back by id, then lists the messages of a Flatchr
// applicant. Bun resolves `tidings` to the package's Node entry, which
// instantiates the wasm synchronously on import.
//
//   bun demo.mjs
import { FlatchrClient, TiledeskClient, isTidingsError } from 'tidings';

const env = (name, fallback = '') => Bun.env[name] ?? fallback;
const line = (m) => `  [${m.createdAt ?? '?'}] ${m.senderFullname ?? m.sender ?? '?'}: ${m.text ?? `(${m.type})`}  — status ${m.status} (${m.statusName})`;
const who = (p) => (p ? `${p.firstname ?? ''} ${p.lastname ?? ''}`.trim() : '?');

try {
  using tiledesk = new TiledeskClient({
    baseUrl: env('TILEDESK_BASE_URL', 'https://api.tiledesk.com/v3'),
    auth: { kind: 'jwt', token: env('TILEDESK_TOKEN') },
  });
  const projectId = env('TILEDESK_PROJECT_ID');
  const requestId = env('TILEDESK_REQUEST_ID');

  const messages = await tiledesk.listMessages({ projectId, requestId });
  console.log(`Tiledesk request ${requestId}: ${messages.length} message(s)`);
  messages.forEach((m) => console.log(line(m)));

  const sent = await tiledesk.sendMessage({ projectId, requestId, message: { text: 'Hello from Bun (ESM)', attributes: { source: 'bun-esm' } } });
  console.log(`\nSent message ${sent.id} (status ${sent.status}, ${sent.statusName})`);
  const again = await tiledesk.getMessage({ projectId, requestId, messageId: sent.id });
  console.log('Fetched it back by id:');
  console.log(line(again));
  // Follows the conversation live over the realtime WebSocket: its history
  // (the messages listed above and the one just sent), then stops.
  let watched = 0;
  for await (const m of tiledesk.watchMessages({ projectId, requestId })) {
    watched += 1;
    if (m.id === sent.id) break;
  }
  console.log(`Watched ${watched} message(s) live, up to the one sent`);

  using flatchr = new FlatchrClient({ baseUrl: env('FLATCHR_BASE_URL', 'https://api.flatchr.io'), token: env('FLATCHR_TOKEN') });
  const applicantId = env('FLATCHR_APPLICANT_ID');
  const mails = await flatchr.listMessages({ companyId: env('FLATCHR_COMPANY_ID'), applicantId, fields: ['author', 'mail', 'candidate'] });
  console.log(`\nFlatchr applicant ${applicantId}: ${mails.length} message(s)`);
  for (const m of mails) console.log(`  [${m.createdAt ?? '?'}] "${m.mail?.subject ?? '(no subject)'}" from ${who(m.author)} to ${who(m.candidate)}`);
} catch (error) {
  if (!isTidingsError(error)) throw error;
  console.error(`tidings error (${error.kind}${error.status ? ` ${error.status}` : ''}): ${error.message}`);
  process.exit(1);
}
