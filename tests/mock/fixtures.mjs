// Seed data for the Tiledesk + Flatchr mock server.
//
// Everything exported here is deep-frozen: tests import these constants to compare
// against responses, so an accidental mutation in one test must not leak into the
// next. The server works on structuredClone() copies (see state.mjs).
//
// No Node imports: the Chromium runs of tests/js/faults/ import this module in a
// page. The seed messages that the Rust tests also decode are read from
// tests/fixtures/*.json rather than repeated here.

import TILEDESK_LIST_JSON from '../fixtures/tiledesk-list.json' with { type: 'json' };
import FLATCHR_EN_JSON from '../fixtures/flatchr-en.json' with { type: 'json' };

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// ---------------------------------------------------------------------------
// Tiledesk
// ---------------------------------------------------------------------------

export const TILEDESK_PROJECT_ID = '5b55e806c93dde00143163dd';

/** The request of the seed messages (tests/fixtures/tiledesk-list.json). */
export const TILEDESK_REQUEST_ID = 'support-group-L_OG76RYhR0XFiMf2PK';
/** A request whose single message uses every optional / unknown field. */
export const TILEDESK_EXTRAS_REQUEST_ID = 'support-group-extras';
/** A request holding 1,000 generated messages (list benchmark). */
export const TILEDESK_BULK_REQUEST_ID = 'support-group-bulk-1000';
export const TILEDESK_BULK_SIZE = 1000;

/** A JWT as returned by POST /auth/signin (without the "JWT " prefix). */
export const TILEDESK_JWT = 'eyJhbGciOiJIUzI1NiJ9.dGlkaW5ncy1tb2NrLWFuZHJlYQ.c2lnbmF0dXJl';

/**
 * Users known to the mock. `email` is stored lowercased because the real server
 * lowercases the email it receives before the lookup.
 */
export const TILEDESK_USERS = deepFreeze([
  {
    _id: '5aaa99024c3b110014b478f0',
    email: 'andrea.leo@f21.it',
    password: '123456',
    firstname: 'Andrea',
    lastname: 'Leo',
    jwt: TILEDESK_JWT,
  },
  {
    // Non-ASCII email and password: catches clients that base64 Latin-1 (btoa)
    // instead of UTF-8.
    _id: '5ed5f6a1c1f2a40017e0b001',
    email: 'zoë@example.com',
    password: 'pässwörd✓',
    firstname: 'Zoë',
    lastname: 'Example',
  },
  {
    // A valid account that is not a member of the project: 403, not 401.
    _id: '5ed5f6a1c1f2a40017e0b002',
    email: 'outsider@example.com',
    password: 'outsider',
    firstname: 'Out',
    lastname: 'Sider',
  },
]);

/** Credentials by nickname, for tests and the README. */
export const TILEDESK_CREDENTIALS = deepFreeze({
  andrea: { email: 'andrea.leo@f21.it', password: '123456', jwt: TILEDESK_JWT },
  zoe: { email: 'zoë@example.com', password: 'pässwörd✓' },
  outsider: { email: 'outsider@example.com', password: 'outsider' },
});

export const TILEDESK_PROJECTS = deepFreeze([
  {
    _id: TILEDESK_PROJECT_ID,
    name: 'tidings mock project',
    members: ['5aaa99024c3b110014b478f0', '5ed5f6a1c1f2a40017e0b001'],
    // Only owners may list the messages of the whole project.
    owners: ['5aaa99024c3b110014b478f0'],
  },
]);

/** The two seed messages: tests/fixtures/tiledesk-list.json, verbatim. */
export const TILEDESK_SEED_MESSAGES = deepFreeze(TILEDESK_LIST_JSON);

/** One message exercising open enums, optional fields and unknown fields. */
export const TILEDESK_EXTRAS_MESSAGES = deepFreeze([
  {
    _id: '64b7f0c2a1b2c3d4e5f60001',
    updatedAt: '2023-07-19T14:05:00.000Z',
    createdAt: '2023-07-19T14:05:00.000Z',
    sender: 'bot_64b7f0c2a1b2c3d4e5f6aaaa',
    senderFullname: 'Support Bot',
    recipient: TILEDESK_EXTRAS_REQUEST_ID,
    recipientFullname: 'Zoë Example',
    type: 'image',
    channel_type: 'direct',
    channel: { name: 'chat21' },
    text: 'Here is the screenshot you asked for',
    language: 'it',
    metadata: { src: 'https://files.example/screenshot.png', width: 640, height: 480 },
    attributes: { subtype: 'info' },
    id_project: TILEDESK_PROJECT_ID,
    createdBy: 'bot_64b7f0c2a1b2c3d4e5f6aaaa',
    __v: 0,
    status: 42, // not one of the documented statuses: clients must keep it
    reactions: { '+1': 2 }, // unknown field
    future_field: [1, 'a'], // unknown field
  },
]);

// --- Generated messages ----------------------------------------------------

const SAMPLE_TEXTS = [
  'Hi, I cannot log in to my account since this morning.',
  'Thanks for reaching out! Which browser are you using?',
  'Firefox 121 on Ubuntu. The page just reloads after I submit the form.',
  'Could you try clearing the cookies for our site and log in again?',
  'Grazie! Ho inoltrato la richiesta al team tecnico.',
  'Ça marche maintenant, merci beaucoup 🎉',
  'Great, glad it works. Anything else I can help you with?',
  'Yes: how do I export my invoices as CSV?',
  'Go to Settings → Billing → Export; the file is generated in a few seconds.',
  'Perfect, thank you — have a nice day!',
];
const STATUS_CYCLE = [300, 250, 200, 150, 100];
const GUEST_ID = 'SRbb2PfbSFcgICv9VQBcURZeloh1';
const AGENT = TILEDESK_USERS[0];

/** 8 hex chars derived from the request id (FNV-1a), so generated ids differ per request. */
function idPrefixFor(requestId) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(requestId)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * Builds the i-th message of a generated conversation. Deterministic: the same
 * (i, options) always gives the same message, so benchmarks and snapshots are stable.
 */
export function makeTiledeskMessage(i, {
  requestId = TILEDESK_BULK_REQUEST_ID,
  projectId = TILEDESK_PROJECT_ID,
  startAt = '2024-01-15T09:00:00.000Z',
  stepMs = 30_000,
} = {}) {
  const at = new Date(Date.parse(startAt) + i * stepMs).toISOString();
  const isSystem = i > 0 && i % 10 === 0;
  const isAgent = !isSystem && i % 2 === 1;
  const sender = isSystem ? 'system' : isAgent ? AGENT._id : GUEST_ID;
  const message = {
    _id: idPrefixFor(requestId) + i.toString(16).padStart(16, '0'),
    type: 'text',
    channel_type: 'group',
    channel: { name: 'chat21' },
    status: STATUS_CYCLE[i % STATUS_CYCLE.length],
    sender,
    senderFullname: isSystem ? 'System' : isAgent ? 'Andrea Leo' : 'Guest',
    recipient: requestId,
    text: isSystem ? 'Andrea Leo joined the conversation' : `${SAMPLE_TEXTS[i % SAMPLE_TEXTS.length]} (#${i + 1})`,
    id_project: projectId,
    createdBy: sender,
    createdAt: at,
    updatedAt: at,
    __v: 0,
  };
  if (isSystem) message.attributes = { subtype: 'info' };
  if (i % 50 === 25) {
    message.type = 'image';
    message.metadata = { src: `https://files.example/img-${i}.png`, width: 800, height: 600 };
  }
  return message;
}

/** n realistic messages of one request, oldest first, deterministic ids/timestamps. */
export function makeTiledeskMessages(n, options = {}) {
  return Array.from({ length: n }, (_, i) => makeTiledeskMessage(i, options));
}

export const TILEDESK_BULK_MESSAGES = deepFreeze(
  makeTiledeskMessages(TILEDESK_BULK_SIZE, { requestId: TILEDESK_BULK_REQUEST_ID }),
);

/** Request objects as stored by the server (returned inside a POST response). */
export const TILEDESK_REQUESTS = deepFreeze([
  {
    _id: '5c81593adf767b0017d1aa67',
    request_id: TILEDESK_REQUEST_ID,
    id_project: TILEDESK_PROJECT_ID,
    first_text: 'test56',
    status: 200,
    createdBy: 'SRbb2PfbSFcgICv9VQBcURZeloh1',
    createdAt: '2019-03-07T17:47:38.400Z',
    updatedAt: '2019-03-07T17:47:38.625Z',
  },
  {
    _id: '64b7f0c2a1b2c3d4e5f60000',
    request_id: TILEDESK_EXTRAS_REQUEST_ID,
    id_project: TILEDESK_PROJECT_ID,
    first_text: 'Here is the screenshot you asked for',
    language: 'it',
    status: 200,
    createdBy: 'bot_64b7f0c2a1b2c3d4e5f6aaaa',
    createdAt: '2023-07-19T14:04:59.000Z',
    updatedAt: '2023-07-19T14:05:00.000Z',
  },
  {
    _id: '65a4f3c0aaaaaaaaaaaa0000',
    request_id: TILEDESK_BULK_REQUEST_ID,
    id_project: TILEDESK_PROJECT_ID,
    first_text: TILEDESK_BULK_MESSAGES[0].text,
    status: 200,
    createdBy: GUEST_ID,
    createdAt: TILEDESK_BULK_MESSAGES[0].createdAt,
    updatedAt: TILEDESK_BULK_MESSAGES.at(-1).updatedAt,
  },
]);

// ---------------------------------------------------------------------------
// Flatchr
// ---------------------------------------------------------------------------

export const FLATCHR_COMPANY_ID = '0GjqBwprWAdArDl4';
/** Company API key: may list messages, may not send. */
export const FLATCHR_API_KEY = 'flatchr-api-key-7f3a9c';
/** User token (from POST /user/login): may list and send. */
export const FLATCHR_USER_TOKEN = 'flatchr-user-token-b21e';
export const FLATCHR_LOGIN = deepFreeze({ email: 'recruiter@flatchr.example', password: 's3cret' });
/** created_by of messages sent through the mock (the recruiter's user id). */
export const FLATCHR_RECRUITER_ID = 391;

export const FLATCHR_APPLICANT_ID = 'V41QG9eja5pK6Xev';
export const FLATCHR_APPLICANT_FR_ID = 'V41QG9eja5pK6Xev-fr';
export const FLATCHR_APPLICANT_MIXED_ID = 'applicant-mixed';

/** The English seed: tests/fixtures/flatchr-en.json, verbatim. */
export const FLATCHR_EN_MESSAGES = deepFreeze(FLATCHR_EN_JSON);

/**
 * The French seed's message, but spelled the way the French RESPONSE TABLE says
 * (create_at, delivered_at, integer id, string created_by) rather than the way its
 * JSON example does: the client has to survive both.
 */
export const FLATCHR_FR_MESSAGES = deepFreeze([
  {
    id: 1042,
    created_by: '391',
    create_at: '2022-02-16T09:32:07.381Z',
    auto: false,
    mail: {
      subject: 'Proposition entretien téléphonique',
      text: "Bonjour Alexandre,\n\nJe reviens vers vous suite à votre candidature pour le poste de Administrateur\nréseaux - Paris - CDI chez Flatchr, est-ce que vous êtes disponible ces\nprochains jours pour un premier entretien téléphonique (15 minutes) ?\n\nDans l'attente de votre retour,\n\nTrès cordialement, ",
      html: "<p>Bonjour Alexandre,</p><p></p><p>Je reviens vers vous suite à votre candidature pour le poste de Administrateur</p><p>réseaux - Paris - CDI chez Flatchr, est-ce que vous êtes disponible ces</p><p>prochains jours pour un premier entretien téléphonique (15 minutes) ?</p><p></p><p>Dans l'attente de votre retour,</p><p></p><p>Très cordialement, </p>",
      status: null,
    },
    delivered: false,
    delivered_at: '2022-02-16T10:34:56.000Z',
    author: { firstname: 'Alexis', lastname: 'Colonna' },
    candidate: { firstname: 'alexandre', lastname: 'andrieux', email: 'andrieux_alexandre@gmail.com' },
    attachments: [],
  },
]);

/** Both spellings of every contradicted field, plus undocumented shapes. */
export const FLATCHR_MIXED_MESSAGES = deepFreeze([
  {
    // string id, integer created_by, created_at + deliver_at; mail.status seen non-null;
    // author in the older docs' shape (id, email, picture).
    id: 'mX1aB2cD3eF4gH5i',
    created_by: 391,
    created_at: '2022-02-17T07:00:00.000Z',
    auto: true,
    delivered: true,
    deliver_at: '2022-02-17T07:00:05.000Z',
    mail: { subject: 'Your application', text: 'Thank you for applying.', html: '<p>Thank you for applying.</p>', status: 'opened' },
    author: { id: 391, firstname: 'Alexis', lastname: 'Colonna', email: 'alexis@flatchr.example', picture: 'https://files.example/alexis.png' },
  },
  {
    // integer id, string created_by, create_at + delivered_at; with `replied`.
    id: 2001,
    created_by: '392',
    create_at: '2022-02-17T08:00:00.000Z',
    auto: false,
    delivered: false,
    delivered_at: null,
    replied: { at: '2022-02-17T08:00:00.000Z', by: 'candidate' },
    mail: { subject: 'Re: Your application', text: 'Is the position remote?', html: '<p>Is the position remote?</p>', status: null },
    candidate: { firstname: 'Zoë', lastname: 'Example', email: 'zoe@example.com' },
  },
  {
    // string id, string created_by, created_at + delivered_at (mixed within one message);
    // one attachment (element shape undocumented).
    id: 'aTtAcHmEnT000003',
    created_by: '391',
    created_at: '2022-02-17T09:00:00.000Z',
    auto: false,
    delivered: true,
    delivered_at: '2022-02-17T09:00:03.000Z',
    mail: { subject: 'CV', text: 'Please find my CV attached.', html: '<p>Please find my CV attached.</p>', status: null },
    attachments: [{ name: 'cv.pdf', url: 'https://files.example/cv.pdf', size: 12345 }],
  },
  {
    // integer id, integer created_by, create_at + deliver_at; one unknown extra field.
    id: 2004,
    created_by: 391,
    create_at: '2022-02-17T10:00:00.000Z',
    auto: true,
    delivered: true,
    deliver_at: '2022-02-17T10:00:01.000Z',
    labels: ['urgent', 'follow-up'], // unknown field: always returned
  },
  // Every field missing but id.
  { id: 'onlyIdMessage005' },
]);

/** companyId -> applicantId -> messages (oldest first). */
export const FLATCHR_COMPANIES = deepFreeze({
  [FLATCHR_COMPANY_ID]: {
    [FLATCHR_APPLICANT_ID]: FLATCHR_EN_MESSAGES,
    [FLATCHR_APPLICANT_FR_ID]: FLATCHR_FR_MESSAGES,
    [FLATCHR_APPLICANT_MIXED_ID]: FLATCHR_MIXED_MESSAGES,
  },
});
