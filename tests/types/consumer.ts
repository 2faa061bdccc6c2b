// A TypeScript consumer of the ESM build: type-checked only (`npx tsc -p tests/types`),
// never run. Every exported call is used with correct types, wrong uses are marked
// `@ts-expect-error` (tsc fails if such a line does NOT error), and the return types
// are pinned with exact type equality.
//
// `../../pkg/index.js` resolves to `index.d.ts`, the types of every entry; in Node
// the same exports come from `pkg/node.mjs` (untyped wrapper re-exporting it).

import {
  TiledeskClient,
  FlatchrClient,
  isTidingsError,
  TidingsError,
  initSync,
  init,
  type TidingsErrorKind,
  type TidingsDebugEvent,
  type TiledeskMessage,
  type TiledeskMessageStatus,
  type TiledeskAuth,
  type TiledeskClientOptions,
  type NewTiledeskMessage,
  type NewTiledeskMetadata,
  type ListTiledeskMessages,
  type GetTiledeskMessage,
  type SendTiledeskMessage,
  type FlatchrMessage,
  type FlatchrMail,
  type FlatchrPerson,
  type FlatchrClientOptions,
  type NewFlatchrMessage,
  type ListFlatchrMessages,
  type SendFlatchrMessage,
  type CallOptions,
  type RetryOption,
  type RetryOptions,
  type TransportOptions,
  type SignInOptions,
  type TiledeskSession,
  type TiledeskUser,
  type TiledeskSignIn,
  type TiledeskSignInAnonymously,
  type SendTiledeskMessages,
  type ExportTiledeskMessagesCsv,
  type ListTiledeskProjectMessages,
  type IterateTiledeskProjectMessages,
  type SendTiledeskDirectMessage,
  type NewTiledeskDirectMessage,
  type FlatchrLogIn,
  type FlatchrSession,
} from '../../pkg/index.js';

// --- compile-time assertion helpers -------------------------------------------
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): void {}
function expectType<T>(value: T): T {
  return value;
}

// --- return types, pinned exactly ---------------------------------------------
assertType<Equals<ReturnType<TiledeskClient['listMessages']>, Promise<TiledeskMessage[]>>>();
assertType<Equals<ReturnType<TiledeskClient['getMessage']>, Promise<TiledeskMessage>>>();
assertType<Equals<ReturnType<TiledeskClient['sendMessage']>, Promise<TiledeskMessage>>>();
assertType<Equals<ReturnType<FlatchrClient['listMessages']>, Promise<FlatchrMessage[]>>>();
assertType<Equals<ReturnType<FlatchrClient['sendMessage']>, Promise<FlatchrMessage>>>();
assertType<Equals<TiledeskClient['baseUrl'], string>>();
assertType<Equals<TidingsErrorKind, 'http' | 'network' | 'timeout' | 'aborted' | 'tooLarge' | 'redirect' | 'decode' | 'invalidInput' | 'config'>>();
assertType<Equals<TiledeskMessageStatus, 'failed' | 'sending' | 'sent' | 'delivered' | 'received' | 'returnReceipt' | 'seen' | 'unknown'>>();
assertType<Equals<TiledeskMessage['statusName'], TiledeskMessageStatus>>();
assertType<Equals<TiledeskMessage['id'], string>>();
assertType<Equals<FlatchrMessage['id'], string>>();
assertType<Equals<FlatchrMessage['createdBy'], string | undefined>>();
assertType<Equals<TidingsError['name'], 'TidingsError'>>();
assertType<Equals<Parameters<typeof isTidingsError>, [error: unknown]>>();
// @ts-expect-error - listMessages does not return a single message
assertType<Equals<ReturnType<TiledeskClient['listMessages']>, Promise<TiledeskMessage>>>();

const PROJECT = '5b55e806c93dde00143163dd';
const REQUEST = 'support-group-L_OG76RYhR0XFiMf2PK';

// --- Tiledesk -------------------------------------------------------------------
export async function tiledesk(signal: AbortSignal): Promise<void> {
  const jwt: TiledeskAuth = { kind: 'jwt', token: 'JWT eyJ...' };
  const basic: TiledeskAuth = { kind: 'basic', email: 'andrea.leo@f21.it', password: '123456' };
  const retry: RetryOption = { retries: 1, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
  const options: TiledeskClientOptions = {
    baseUrl: 'https://api.tiledesk.com/v3',
    auth: jwt,
    timeoutMs: 10_000,
    totalTimeoutMs: 30_000,
    retry,
    fetch: (input, init) => globalThis.fetch(input, init),
    allowInsecureHttp: false,
  };
  const client = new TiledeskClient(options);
  new TiledeskClient({ auth: basic });
  const url: string = client.baseUrl;

  const messages: TiledeskMessage[] = await client.listMessages({ projectId: PROJECT, requestId: REQUEST });
  const listed = await client.listMessages({ projectId: PROJECT, requestId: REQUEST, signal, timeoutMs: 5000, retry: false });
  expectType<TiledeskMessage[]>(listed);

  for (const m of messages) {
    const id: string = m.id;
    const status: number | undefined = m.status;
    const name: TiledeskMessageStatus = m.statusName;
    const text: string | undefined = m.text;
    const type: string | undefined = m.type; // open set of types
    const channelType: string | undefined = m.channelType;
    const extra: Record<string, unknown> | undefined = m.extra;
    const request: Record<string, unknown> | undefined = m.request;
    const when: string | undefined = m.createdAt;
    const src: unknown = m.metadata?.['src'];
    const subtype: unknown = m.attributes?.['subtype'];
    void [id, status, name, text, type, channelType, extra, request, when, src, subtype, url];
    switch (m.statusName) {
      case 'failed': case 'sending': case 'sent': case 'delivered': case 'received': case 'returnReceipt': case 'seen': case 'unknown':
        break;
      default: {
        const unreachable: never = m.statusName;
        void unreachable;
      }
    }
  }

  const get: GetTiledeskMessage = { projectId: PROJECT, requestId: REQUEST, messageId: '5c81593adf767b0017d1aa68' };
  const one: TiledeskMessage = await client.getMessage(get);

  const metadata: NewTiledeskMetadata = { src: 'https://x.example/i.png', width: 200, height: 100, alt: 'free-form key' };
  const text: NewTiledeskMessage = {
    text: 'hello',
    attributes: { custom: 1 },
    departmentId: 'dep',
    sourcePage: 'https://shop.example',
    language: 'it',
    userAgent: 'ua',
    senderFullname: 'Bot',
  };
  const send: SendTiledeskMessage = { projectId: PROJECT, requestId: REQUEST, message: text, timeoutMs: 5000 };
  const sent: TiledeskMessage = await client.sendMessage(send);
  await client.sendMessage({ projectId: PROJECT, requestId: REQUEST, message: { type: 'image', metadata } });
  await client.sendMessage({ projectId: PROJECT, requestId: REQUEST, message: { type: 'some-future-type', text: 'x' } });
  void [one, sent];

  // --- wrong uses -----------------------------------------------------------------
  // @ts-expect-error - projectId is required
  await client.listMessages({ requestId: REQUEST });
  // @ts-expect-error - requestId is required
  await client.listMessages({ projectId: PROJECT });
  // @ts-expect-error - messageId is required
  await client.getMessage({ projectId: PROJECT, requestId: REQUEST });
  // @ts-expect-error - message is required
  await client.sendMessage({ projectId: PROJECT, requestId: REQUEST });
  // @ts-expect-error - an argument is required
  await client.listMessages();
  // @ts-expect-error - ids are strings
  await client.listMessages({ projectId: 42, requestId: REQUEST });
  // @ts-expect-error - a list is not a number
  const count: number = await client.listMessages({ projectId: PROJECT, requestId: REQUEST });
  // @ts-expect-error - a list is not one message
  const single: TiledeskMessage = await client.listMessages({ projectId: PROJECT, requestId: REQUEST });
  // @ts-expect-error - not awaited: a Promise is not an array
  const notAwaited: TiledeskMessage[] = client.listMessages({ projectId: PROJECT, requestId: REQUEST });
  // @ts-expect-error - status is a number, not a string
  const statusText: string = one.status;
  // @ts-expect-error - not a status name
  const badName: TiledeskMessageStatus = 'read';
  // @ts-expect-error - the wire name _id is not exposed
  void one._id;
  // @ts-expect-error - width is a number
  const badMeta: NewTiledeskMetadata = { src: 'x', width: '200' };
  // @ts-expect-error - the wire name departmentid is not the JS name
  const badNew: NewTiledeskMessage = { text: 'x', departmentid: 'dep' };
  // @ts-expect-error - Bearer is not a Tiledesk auth kind
  new TiledeskClient({ auth: { kind: 'bearer', token: 'x' } });
  // @ts-expect-error - auth is required
  new TiledeskClient({ baseUrl: 'https://api.tiledesk.com/v3' });
  // @ts-expect-error - basic needs a password
  new TiledeskClient({ auth: { kind: 'basic', email: 'a@b.c' } });
  // @ts-expect-error - baseUrl is read-only
  client.baseUrl = 'https://elsewhere.example';
  // @ts-expect-error - retries is a number
  const badRetry: RetryOptions = { retries: 'two' };
  void [count, single, notAwaited, statusText, badName, badMeta, badNew, badRetry];
}

// --- Flatchr ---------------------------------------------------------------------
export async function flatchr(): Promise<void> {
  const options: FlatchrClientOptions = { token: 'api-key', baseUrl: 'https://api.demo.flatchr.io', retry: true };
  const client = new FlatchrClient(options);
  new FlatchrClient({ token: 'api-key' });

  const list: ListFlatchrMessages = {
    companyId: '0GjqBwprWAdArDl4',
    applicantId: 'V41QG9eja5pK6Xev',
    fields: ['author', 'replied', 'mail', 'attachments', 'candidate', 'some-future-field'],
  };
  const messages: FlatchrMessage[] = await client.listMessages(list);
  const first = messages[0];
  if (first) {
    const id: string = first.id;
    const createdBy: string | undefined = first.createdBy;
    const createdAt: string | undefined = first.createdAt;
    const deliverAt: string | undefined = first.deliverAt;
    const mail: FlatchrMail | undefined = first.mail;
    const subject: string | undefined = first.mail?.subject;
    const mailStatus: string | null | undefined = first.mail?.status;
    const author: FlatchrPerson | undefined = first.author;
    const email: string | undefined = first.candidate?.email;
    const attachments: Record<string, unknown>[] | undefined = first.attachments;
    const replied: unknown = first.replied;
    const extra: Record<string, unknown> | undefined = first.extra;
    void [id, createdBy, createdAt, deliverAt, mail, subject, mailStatus, author, email, attachments, replied, extra];
  }

  const message: NewFlatchrMessage = { html: '<p>Hello</p>', subject: 'Hi', mail: true, sms: false, custom: 'kept' };
  const send: SendFlatchrMessage = { companyId: 'c', applicantId: 'a', message, signal: AbortSignal.timeout(1000) };
  const sent: FlatchrMessage = await client.sendMessage(send);
  void sent;

  // @ts-expect-error - html is required
  await client.sendMessage({ companyId: 'c', applicantId: 'a', message: { subject: 'no body' } });
  // @ts-expect-error - fields are strings
  await client.listMessages({ companyId: 'c', applicantId: 'a', fields: [1] });
  // @ts-expect-error - fields is a list, not a comma-separated string
  await client.listMessages({ companyId: 'c', applicantId: 'a', fields: 'author,mail' });
  // @ts-expect-error - applicantId is required
  await client.listMessages({ companyId: 'c' });
  // @ts-expect-error - a Flatchr list is not a Tiledesk list
  const wrongModel: TiledeskMessage[] = await client.listMessages(list);
  // @ts-expect-error - the token is required
  new FlatchrClient({ baseUrl: 'https://api.flatchr.io' });
  void wrongModel;
}

// --- errors ---------------------------------------------------------------------
export async function errors(client: TiledeskClient): Promise<string> {
  try {
    await client.getMessage({ projectId: PROJECT, requestId: REQUEST, messageId: 'x' });
    return 'ok';
  } catch (e) {
    // @ts-expect-error - a caught value is unknown until narrowed
    void e.kind;
    if (isTidingsError(e)) {
      const error: TidingsError = e;
      const asError: Error = e;
      const kind: TidingsErrorKind = e.kind;
      const status: number | undefined = e.status;
      const field: string | undefined = e.field;
      const provider: 'tiledesk' | 'flatchr' | undefined = e.provider;
      const attempts: number | undefined = e.attempts;
      const mayHaveBeenSent: boolean | undefined = e.mayHaveBeenSent;
      const body: unknown = e.body;
      void [error, asError, status, field, provider, attempts, mayHaveBeenSent, body];
      // @ts-expect-error - not a kind: the comparison can never be true
      if (e.kind === 'notAKind') return 'never';
      switch (kind) {
        case 'http': return `HTTP ${e.status ?? '?'}: ${e.message}`;
        case 'network': case 'timeout': case 'aborted': case 'tooLarge': case 'decode': return kind;
        case 'redirect': return `not followed: ${e.location ?? 'a hidden target'}`;
        case 'invalidInput': case 'config': return `bad ${e.field ?? '?'}`;
        default: {
          const unreachable: never = kind;
          return unreachable;
        }
      }
    }
    throw e;
  }
}

// --- the TidingsError class and union ---------------------------------------------
export function errorUnion(e: unknown): string {
  if (!(e instanceof TidingsError)) return 'other';
  const asError: Error = e;
  void asError;
  // @ts-expect-error - before narrowing by kind, status may be undefined
  const early: number = e.status;
  void early;
  switch (e.kind) {
    case 'http': {
      assertType<Equals<typeof e.status, number>>();
      assertType<Equals<typeof e.provider, 'tiledesk' | 'flatchr'>>();
      assertType<Equals<typeof e.attempts, number>>();
      assertType<Equals<typeof e.retryAfterMs, number | undefined>>();
      const requestId: string | undefined = e.headers['x-request-id'];
      return `${e.status} ${requestId ?? ''} ${e.retryAfterMs ?? 0}`;
    }
    case 'invalidInput':
    case 'config':
      assertType<Equals<typeof e.field, string>>();
      return e.field;
    case 'tooLarge':
    case 'decode':
      assertType<Equals<typeof e.status, number>>();
      return String(e.status);
    case 'redirect':
      assertType<Equals<typeof e.status, number | undefined>>();
      return e.location ?? '';
    case 'network':
      return String(e.cause);
    case 'timeout':
    case 'aborted':
      return String(e.mayHaveBeenSent);
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}
// @ts-expect-error - the class is for instanceof; errors are made by tidings
new TidingsError('x');

// --- misspelt known fields are type errors; unknown extras are not -------------------
export async function typos(tiledesk: TiledeskClient, flatchr: FlatchrClient): Promise<void> {
  const at = { projectId: PROJECT, requestId: REQUEST };
  const applicant = { companyId: 'c', applicantId: 'a' };
  // Extras the APIs take, and metadata extras, are sent as they are.
  await flatchr.sendMessage({ ...applicant, message: { html: '<p>Hi</p>', subject: 'Hello', mail: true, cc: ['x@y.z'], templateId: 7 } });
  await tiledesk.sendMessage({ ...at, message: { type: 'image', metadata: { src: 'https://x/y.png', width: 10, height: 10, uid: 'u1', size: 1234 } } });
  // @ts-expect-error - subjcet: "misspelt: did you mean subject?"
  await flatchr.sendMessage({ ...applicant, message: { html: '<p>Hi</p>', subjcet: 'Hello' } });
  // @ts-expect-error - Subject: "misspelt: did you mean subject?"
  await flatchr.sendMessage({ ...applicant, message: { html: '<p>Hi</p>', Subject: 'Hello' } });
  // @ts-expect-error - mails: "misspelt: did you mean mail?"
  await flatchr.sendMessage({ ...applicant, message: { html: '<p>Hi</p>', mails: true } });
  // @ts-expect-error - htm: "misspelt: did you mean html?" (and html is missing)
  await flatchr.sendMessage({ ...applicant, message: { htm: '<p>Hi</p>' } });
  const built = { html: '<p>Hi</p>', subjet: 'Hello' };
  // @ts-expect-error - not only literals: subjet in a variable is caught too
  await flatchr.sendMessage({ ...applicant, message: built });
  // @ts-expect-error - scr: "misspelt: did you mean src?"
  await tiledesk.sendMessage({ ...at, message: { type: 'image', metadata: { scr: 'https://x/y.png' } } });
  // @ts-expect-error - widht: "misspelt: did you mean width?"
  await tiledesk.sendMessage({ ...at, message: { type: 'image', metadata: { src: 'https://x/y.png', widht: 10 } } });
  // @ts-expect-error - txet is not a field of a Tiledesk message
  await tiledesk.sendMessage({ ...at, message: { txet: 'hello' } });
  // @ts-expect-error - tokne is not a field of the JWT auth
  new TiledeskClient({ auth: { kind: 'jwt', token: 't', tokne: 't' } });
  // @ts-expect-error - pasword is not a field of the basic auth
  new TiledeskClient({ auth: { kind: 'basic', email: 'a@b.c', password: 'p', pasword: 'p' } });
  // @ts-expect-error - Token is not a field of the JWT auth
  new TiledeskClient({ auth: { kind: 'jwt', Token: 't' } });
}

// --- the debug option ---------------------------------------------------------------
export function debugging(): TiledeskClient {
  const seen: string[] = [];
  const client = new TiledeskClient({
    auth: { kind: 'jwt', token: 't' },
    debug: (event: TidingsDebugEvent) => {
      if (event.type === 'retry') seen.push(`wait ${event.waitMs satisfies number} ms`);
      else if (event.type === 'response') seen.push(`${event.status satisfies number} in ${event.ms} ms`);
      else if (event.type === 'request') seen.push(`${event.method} ${event.url} ${event.headers['authorization'] ?? ''}`);
    },
  });
  // @ts-expect-error - debug is a function of the event
  new TiledeskClient({ auth: { kind: 'jwt', token: 't' }, debug: true });
  void TiledeskClient.signIn({ email: 'a', password: 'b', debug: (event) => seen.push(event.type) });
  return client;
}

// --- lifecycle and init -----------------------------------------------------------
export function lifecycle(bytes: Uint8Array<ArrayBuffer>): void {
  initSync({ module: bytes });
  const ready: Promise<void> = init();
  void ready;
  const client = new FlatchrClient({ token: 't' });
  client.free();
  {
    using disposable = new TiledeskClient({ auth: { kind: 'jwt', token: 't' } });
    void disposable;
  }
  const call: CallOptions = { timeoutMs: 1, maxResponseBytes: 1024 };
  const transport: TransportOptions = { timeoutMs: 1 };
  void [call, transport];
}

// --- sign-in and the other message routes -------------------------------------------
assertType<Equals<ReturnType<typeof TiledeskClient.signIn>, Promise<TiledeskSession>>>();
assertType<Equals<ReturnType<typeof TiledeskClient.signInAnonymously>, Promise<TiledeskSession>>>();
assertType<Equals<ReturnType<typeof FlatchrClient.logIn>, Promise<FlatchrSession>>>();
assertType<Equals<ReturnType<TiledeskClient['sendMessages']>, Promise<TiledeskMessage[]>>>();
assertType<Equals<ReturnType<TiledeskClient['exportMessagesCsv']>, Promise<string>>>();
assertType<Equals<ReturnType<TiledeskClient['listProjectMessages']>, Promise<TiledeskMessage[]>>>();
assertType<Equals<ReturnType<TiledeskClient['sendDirectMessage']>, Promise<TiledeskMessage>>>();
assertType<Equals<ReturnType<TiledeskClient['iterateProjectMessages']>, AsyncIterableIterator<TiledeskMessage>>>();
assertType<Equals<TiledeskSession['token'], string>>();
assertType<Equals<TiledeskSession['user'], TiledeskUser>>();
assertType<Equals<TiledeskUser['id'], string>>();
assertType<Equals<TiledeskUser['firstname'], string | undefined>>();
assertType<Equals<FlatchrSession['token'], string>>();

export async function visitor(projectId: string, baseUrl: string, signal: AbortSignal): Promise<TiledeskMessage[]> {
  const session = await TiledeskClient.signInAnonymously({ projectId, firstname: 'Ann', attributes: { page: '/pricing' }, baseUrl, timeoutMs: 5_000 });
  const visitorClient = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: session.token } });
  const requestId = `support-group-${session.user.id}`;
  await visitorClient.sendMessage({ projectId, requestId, message: { text: 'Hello' } });
  const signedIn: TiledeskSession = await TiledeskClient.signIn({ email: 'a@b.c', password: 'p', signal });
  const owner = new TiledeskClient({ auth: { kind: 'jwt', token: signedIn.token } });
  const many: TiledeskMessage[] = await owner.sendMessages({ projectId, requestId, messages: [{ text: 'a' }, { type: 'image', metadata: { src: 'https://x.example/a.png' } }] });
  const csv: string = await owner.exportMessagesCsv({ projectId, requestId, retry: false });
  const page: TiledeskMessage[] = await owner.listProjectMessages({ projectId, page: 0, limit: 50, populateRequest: true });
  const direct: TiledeskMessage = await owner.sendDirectMessage({
    projectId,
    message: { recipient: session.user.id, recipientFullname: 'Ann', text: 'hi', channelType: 'direct', metadata: { src: 'x' } },
  });
  const all: TiledeskMessage[] = [];
  for await (const message of owner.iterateProjectMessages({ projectId, pageSize: 20, populateRequest: true, signal })) {
    all.push(message);
  }
  const flatchr: FlatchrSession = await FlatchrClient.logIn({ email: 'r@x.example', password: 'p', baseUrl: 'https://api.demo.flatchr.io', fetch });
  const asUser = new FlatchrClient({ token: flatchr.token });
  void [csv, page, direct, asUser];

  const options: SignInOptions = { baseUrl, allowInsecureHttp: false, retry: false };
  const signIn: TiledeskSignIn = { email: 'a', password: 'b', ...options };
  const anonymous: TiledeskSignInAnonymously = { projectId, lastname: 'V', email: 'v@x.example' };
  const sendMany: SendTiledeskMessages = { projectId, requestId, messages: [] };
  const exportCsv: ExportTiledeskMessagesCsv = { projectId, requestId, timeoutMs: 1 };
  const list: ListTiledeskProjectMessages = { projectId, limit: 10 };
  const iterate: IterateTiledeskProjectMessages = { projectId, pageSize: 10, signal };
  const newDirect: NewTiledeskDirectMessage = { recipient: 'r', recipientFullname: 'R' };
  const sendDirect: SendTiledeskDirectMessage = { projectId, message: newDirect };
  const logIn: FlatchrLogIn = { email: 'a', password: 'b', baseUrl };
  void [signIn, anonymous, sendMany, exportCsv, list, iterate, sendDirect, logIn];

  // @ts-expect-error - signIn is static, not a method of a client
  void owner.signIn;
  // @ts-expect-error - signIn needs a password
  void TiledeskClient.signIn({ email: 'a@b.c' });
  // @ts-expect-error - signInAnonymously needs the project
  void TiledeskClient.signInAnonymously({ firstname: 'Ann' });
  // @ts-expect-error - a sign-in takes no auth: it obtains it
  void TiledeskClient.signIn({ email: 'a', password: 'b', auth: { kind: 'jwt', token: 't' } });
  // @ts-expect-error - the session's user id is id, not _id
  void session.user._id;
  // @ts-expect-error - logIn resolves to a token only
  void flatchr.user;
  // @ts-expect-error - messages is a list
  void owner.sendMessages({ projectId, requestId, messages: { text: 'a' } });
  // @ts-expect-error - a CSV export is text, not messages
  const notMessages: TiledeskMessage[] = await owner.exportMessagesCsv({ projectId, requestId });
  // @ts-expect-error - limit is a number
  void owner.listProjectMessages({ projectId, limit: '50' });
  // @ts-expect-error - the iteration walks every page itself
  void owner.iterateProjectMessages({ projectId, page: 2 });
  // @ts-expect-error - a direct message needs its recipient's name
  void owner.sendDirectMessage({ projectId, message: { recipient: 'r', text: 'x' } });
  // @ts-expect-error - the iterator is not a promise of an array
  const notArray: TiledeskMessage[] = await owner.iterateProjectMessages({ projectId });
  void [notMessages, notArray];
  return [...many, ...all];
}

// watchMessages: an AsyncIterable of the same models, its options typed.
import type { WatchTiledeskMessages, WatchFlatchrMessages, WatchReconnect, WatchDebugEvent } from '../../pkg/index.js';

assertType<Equals<ReturnType<TiledeskClient['watchMessages']>, AsyncIterableIterator<TiledeskMessage>>>();
assertType<Equals<ReturnType<FlatchrClient['watchMessages']>, AsyncIterableIterator<FlatchrMessage>>>();

export async function watching(tiledesk: TiledeskClient, flatchr: FlatchrClient, WebSocketClass: new (url: string) => unknown) {
  const controller = new AbortController();
  const reconnect: WatchReconnect = { baseDelayMs: 500, maxDelayMs: 30_000, attempts: 3 };
  const options: WatchTiledeskMessages = {
    projectId: 'p',
    requestId: 'r',
    history: false,
    transport: 'auto',
    pollIntervalMs: 5_000,
    heartbeatIntervalMs: 25_000,
    reconnect,
    signal: controller.signal,
    timeoutMs: 10_000,
    WebSocket: WebSocketClass,
    debug: (event) => {
      // The union narrows by `type`: a reconnect has its wait, a closed socket maybe its code.
      if (event.type === 'reconnect') console.debug(event.attempt, event.waitMs);
      else if (event.type === 'socket' && event.state === 'closed') console.debug(event.code ?? 'no code');
      else if (event.type === 'polling') console.debug(event.reason);
    },
  };
  const seen: WatchDebugEvent[] = [{ type: 'socket', state: 'open' }, { type: 'polling', reason: 'gaveUp' }];
  // @ts-expect-error - a polling event says why with one of four reasons
  seen.push({ type: 'polling', reason: 'bored' });
  // @ts-expect-error - only a closed socket has a code
  seen.push({ type: 'socket', state: 'open', code: 1000 });
  const texts: string[] = [];
  for await (const message of tiledesk.watchMessages(options)) {
    texts.push(`${message.senderFullname}: ${message.text}`);
    if (texts.length > 3) break;
  }
  const recruiting: WatchFlatchrMessages = { companyId: 'c', applicantId: 'a', fields: ['mail'], transport: 'polling' };
  for await (const message of flatchr.watchMessages(recruiting)) {
    texts.push(message.mail?.subject ?? message.id);
    break;
  }
  // @ts-expect-error - a transport is one of three words
  void tiledesk.watchMessages({ projectId: 'p', requestId: 'r', transport: 'sse' });
  // @ts-expect-error - Flatchr has no realtime API
  void flatchr.watchMessages({ companyId: 'c', applicantId: 'a', transport: 'websocket' });
  // @ts-expect-error - requestId is required
  void tiledesk.watchMessages({ projectId: 'p' });
  // @ts-expect-error - a watch is not a promise of an array
  const notArray: TiledeskMessage[] = await tiledesk.watchMessages(options);
  void [notArray, seen];
  return texts;
}
