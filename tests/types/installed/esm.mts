// A Node ES module consumer (`import ... from 'tidings'`), type-checked with
// `module`/`moduleResolution` node16 and nodenext against the installed package:
// resolves through exports["."].node.import.types (index.d.ts). Never run.
import { FlatchrClient, TiledeskClient, init, initSync, isTidingsError } from 'tidings';
import type { FlatchrMessage, InitInput, TidingsError, TidingsErrorKind, TiledeskMessage, TiledeskMessageStatus } from 'tidings';
import * as namespace from 'tidings';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): void {}

assertType<Equals<ReturnType<TiledeskClient['listMessages']>, Promise<TiledeskMessage[]>>>();
assertType<Equals<ReturnType<FlatchrClient['listMessages']>, Promise<FlatchrMessage[]>>>();
assertType<Equals<ReturnType<typeof init>, Promise<void>>>();
assertType<Equals<typeof namespace.TiledeskClient, typeof TiledeskClient>>();
// @ts-expect-error - there is no default export (an ES module with named exports only)
import defaultExport from 'tidings';
void defaultExport;

export async function main(token: string): Promise<string[]> {
  await init(); // a no-op in Node, harmless anywhere
  const tiledesk = new TiledeskClient({ baseUrl: 'https://api.tiledesk.com/v3', auth: { kind: 'jwt', token } });
  const messages: TiledeskMessage[] = await tiledesk.listMessages({ projectId: 'p', requestId: 'r' });
  const names: TiledeskMessageStatus[] = messages.map((m) => m.statusName);
  const sent = await tiledesk.sendMessage({ projectId: 'p', requestId: 'r', message: { text: 'hi' } });
  const flatchr = new FlatchrClient({ token });
  const mails: FlatchrMessage[] = await flatchr.listMessages({ companyId: 'c', applicantId: 'a', fields: ['mail'] });
  // @ts-expect-error - projectId is required
  await tiledesk.listMessages({ requestId: 'r' });
  try {
    await tiledesk.getMessage({ projectId: 'p', requestId: 'r', messageId: 'm' });
  } catch (e) {
    if (isTidingsError(e)) {
      const error: TidingsError = e;
      const kind: TidingsErrorKind = error.kind;
      return [kind, String(error.status)];
    }
  }
  tiledesk.free();
  return [...names, sent.id, ...mails.map((m) => m.id)];
}

export function fromBytes(bytes: Uint8Array<ArrayBuffer>, input: InitInput): void {
  initSync({ module: bytes });
  initSync(bytes);
  void init(input);
}
