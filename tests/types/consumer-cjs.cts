// A CommonJS TypeScript consumer: the same checks through `import x = require(...)`,
// typed by pkg/index.d.cts. Type-checked only (`npx tsc -p tests/types`).
//
// `../../pkg/index.cjs` resolves to `index.d.cts`, the CommonJS types of the package;
// in Node, `pkg/node.cjs` re-exports that very module after instantiating the wasm.

import tidings = require('../../pkg/index.cjs');
import type {
  TidingsError,
  TidingsErrorKind,
  TiledeskMessage,
  TiledeskMessageStatus,
  FlatchrMessage,
  NewTiledeskMessage,
} from '../../pkg/index.cjs';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): void {}

assertType<Equals<ReturnType<tidings.TiledeskClient['listMessages']>, Promise<TiledeskMessage[]>>>();
assertType<Equals<ReturnType<tidings.TiledeskClient['getMessage']>, Promise<TiledeskMessage>>>();
assertType<Equals<ReturnType<tidings.TiledeskClient['sendMessage']>, Promise<TiledeskMessage>>>();
assertType<Equals<ReturnType<tidings.FlatchrClient['listMessages']>, Promise<FlatchrMessage[]>>>();
assertType<Equals<ReturnType<tidings.FlatchrClient['sendMessage']>, Promise<FlatchrMessage>>>();
assertType<Equals<ReturnType<typeof tidings.TiledeskClient.signInAnonymously>, Promise<tidings.TiledeskSession>>>();
assertType<Equals<ReturnType<typeof tidings.FlatchrClient.logIn>, Promise<tidings.FlatchrSession>>>();
assertType<Equals<ReturnType<tidings.TiledeskClient['iterateProjectMessages']>, AsyncIterableIterator<TiledeskMessage>>>();
assertType<Equals<ReturnType<tidings.TiledeskClient['exportMessagesCsv']>, Promise<string>>>();
// @ts-expect-error - listMessages does not return a single message
assertType<Equals<ReturnType<tidings.TiledeskClient['listMessages']>, Promise<TiledeskMessage>>>();

const PROJECT = '5b55e806c93dde00143163dd';
const REQUEST = 'support-group-L_OG76RYhR0XFiMf2PK';

async function main(): Promise<string> {
  const client = new tidings.TiledeskClient({ baseUrl: 'https://api.tiledesk.com/v3', auth: { kind: 'jwt', token: 'eyJ...' } });
  const flatchr = new tidings.FlatchrClient({ token: 'api-key' });

  const messages: TiledeskMessage[] = await client.listMessages({ projectId: PROJECT, requestId: REQUEST });
  const names: TiledeskMessageStatus[] = messages.map((m) => m.statusName);
  const one: TiledeskMessage = await client.getMessage({ projectId: PROJECT, requestId: REQUEST, messageId: '5c81593adf767b0017d1aa68' });
  const message: NewTiledeskMessage = { text: 'hello', departmentId: 'dep' };
  const sent: TiledeskMessage = await client.sendMessage({ projectId: PROJECT, requestId: REQUEST, message });
  const applicantMessages: FlatchrMessage[] = await flatchr.listMessages({ companyId: 'c', applicantId: 'a', fields: ['mail', 'author'] });
  const reply: FlatchrMessage = await flatchr.sendMessage({ companyId: 'c', applicantId: 'a', message: { html: '<p>Hi</p>' } });
  void [names, one, sent, applicantMessages, reply];

  // @ts-expect-error - projectId is required
  await client.listMessages({ requestId: REQUEST });
  // @ts-expect-error - a list is not a number
  const count: number = await client.listMessages({ projectId: PROJECT, requestId: REQUEST });
  // @ts-expect-error - html is required
  await flatchr.sendMessage({ companyId: 'c', applicantId: 'a', message: { subject: 'x' } });
  void count;

  try {
    await client.getMessage({ projectId: PROJECT, requestId: REQUEST, messageId: 'x' });
  } catch (e) {
    // @ts-expect-error - unknown until narrowed
    void e.kind;
    if (tidings.isTidingsError(e)) {
      const error: TidingsError = e;
      const kind: TidingsErrorKind = e.kind;
      const status: number | undefined = e.status;
      void [error, status];
      return kind;
    }
    if (e instanceof tidings.TidingsError && e.kind === 'http') {
      const status: number = e.status;
      return `${status} ${e.retryAfterMs ?? ''}`;
    }
    throw e;
  }
  return 'ok';
}

export = main;
