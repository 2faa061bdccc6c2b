// A Node CommonJS consumer (`require('tidings')`), type-checked with
// `module`/`moduleResolution` node16 and nodenext against the installed package:
// resolves through exports["."].node.require.types (index.d.cts). Never run.
import tidings = require('tidings');
import type { TidingsErrorKind, TiledeskMessage } from 'tidings';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): void {}

assertType<Equals<ReturnType<tidings.TiledeskClient['listMessages']>, Promise<TiledeskMessage[]>>>();
assertType<Equals<ReturnType<typeof tidings.init>, Promise<void>>>();

async function main(token: string): Promise<string> {
  const tiledesk = new tidings.TiledeskClient({ auth: { kind: 'basic', email: 'a@b.c', password: 'pw' } });
  const flatchr = new tidings.FlatchrClient({ token });
  const messages = await tiledesk.listMessages({ projectId: 'p', requestId: 'r' });
  const first: TiledeskMessage | undefined = messages[0];
  await flatchr.sendMessage({ companyId: 'c', applicantId: 'a', message: { html: '<p>Hi</p>' } });
  // @ts-expect-error - html is required
  await flatchr.sendMessage({ companyId: 'c', applicantId: 'a', message: { subject: 'x' } });
  try {
    await tiledesk.getMessage({ projectId: 'p', requestId: 'r', messageId: 'm' });
  } catch (e) {
    if (tidings.isTidingsError(e)) {
      const kind: TidingsErrorKind = e.kind;
      return kind;
    }
  }
  return first?.text ?? '';
}

export = main;
