// tidings from a Node ES module. Point it at real servers with the environment
// variables below; `npm run demo` at the repository root points it at the mock.
import { FlatchrClient, TiledeskClient, isTidingsError } from 'tidings';

const env = (name, fallback) => process.env[name] ?? fallback;

const tiledesk = new TiledeskClient({
  baseUrl: env('TILEDESK_BASE_URL', 'https://api.tiledesk.com/v3'),
  auth: { kind: 'jwt', token: env('TILEDESK_TOKEN', '') },
});
const projectId = env('TILEDESK_PROJECT_ID');
const requestId = env('TILEDESK_REQUEST_ID');

const line = (m) => `  [${m.createdAt ?? '?'}] ${m.senderFullname ?? m.sender ?? '?'}: ${m.text ?? `(${m.type})`}  — status ${m.status} (${m.statusName})`;

try {
  const messages = await tiledesk.listMessages({ projectId, requestId });
  console.log(`Tiledesk request ${requestId}: ${messages.length} message(s)`);
  messages.forEach((m) => console.log(line(m)));

  const sent = await tiledesk.sendMessage({
    projectId,
    requestId,
    message: { text: 'Hello from the tidings demo', attributes: { source: 'demo' } },
  });
  console.log(`\nSent message ${sent.id} (status ${sent.status}, ${sent.statusName})`);
  const again = await tiledesk.getMessage({ projectId, requestId, messageId: sent.id });
  console.log('Fetched it back by id:');
  console.log(line(again));

  const flatchr = new FlatchrClient({ baseUrl: env('FLATCHR_BASE_URL', 'https://api.flatchr.io'), token: env('FLATCHR_TOKEN', '') });
  const applicantId = env('FLATCHR_APPLICANT_ID');
  const mails = await flatchr.listMessages({
    companyId: env('FLATCHR_COMPANY_ID'),
    applicantId,
    fields: ['author', 'mail', 'candidate', 'attachments'],
  });
  console.log(`\nFlatchr applicant ${applicantId}: ${mails.length} message(s)`);
  for (const m of mails) {
    const who = (p) => (p ? `${p.firstname ?? ''} ${p.lastname ?? ''}`.trim() : '?');
    console.log(`  [${m.createdAt ?? '?'}] "${m.mail?.subject ?? '(no subject)'}"`);
    console.log(`    from ${who(m.author)} to ${who(m.candidate)} <${m.candidate?.email ?? '?'}>, delivered: ${m.delivered}`);
  }
} catch (error) {
  if (isTidingsError(error)) {
    console.error(`tidings error (${error.kind}${error.status ? ` ${error.status}` : ''}): ${error.message}`);
    process.exit(1);
  }
  throw error;
}
