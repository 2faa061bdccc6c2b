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

  // A chat widget's visitor: sign in anonymously, send the first message of a
  // new request, list it.
  const tiledeskBaseUrl = env('TILEDESK_BASE_URL', 'https://api.tiledesk.com/v3');
  const visitor = await TiledeskClient.signInAnonymously({ projectId, firstname: 'Demo visitor', baseUrl: tiledeskBaseUrl });
  console.log(`\nVisitor ${visitor.user.firstname} (${visitor.user.id}) signed in anonymously`);
  const widget = new TiledeskClient({ baseUrl: tiledeskBaseUrl, auth: { kind: 'jwt', token: visitor.token } });
  const newRequestId = `support-group-demo-${Date.now()}`;
  const first = await widget.sendMessage({ projectId, requestId: newRequestId, message: { text: 'Hi, I have a question' } });
  console.log(`Sent the first message of the new request ${newRequestId}: ${first.id}`);
  const conversation = await widget.listMessages({ projectId, requestId: newRequestId });
  console.log(`Listed it back: ${conversation.length} message(s)`);
  conversation.forEach((m) => console.log(line(m)));

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

  // Sending to an applicant needs a user token: log in first (when credentials are given).
  if (process.env.FLATCHR_EMAIL && process.env.FLATCHR_PASSWORD) {
    const flatchrBaseUrl = env('FLATCHR_BASE_URL', 'https://api.flatchr.io');
    const { token } = await FlatchrClient.logIn({ email: process.env.FLATCHR_EMAIL, password: process.env.FLATCHR_PASSWORD, baseUrl: flatchrBaseUrl });
    const asUser = new FlatchrClient({ baseUrl: flatchrBaseUrl, token });
    const mail = await asUser.sendMessage({
      companyId: env('FLATCHR_COMPANY_ID'),
      applicantId,
      message: { html: '<p>Are you available on Monday?</p>', subject: 'Interview' },
    });
    console.log(`\nLogged in to Flatchr and sent "${mail.mail?.subject}" to applicant ${applicantId}: ${mail.id}`);
  }
} catch (error) {
  if (isTidingsError(error)) {
    console.error(`tidings error (${error.kind}${error.status ? ` ${error.status}` : ''}): ${error.message}`);
    process.exit(1);
  }
  throw error;
}
