// Lists the messages of a Tiledesk request; build.mjs bundles it with Rollup
// for Node, tidings included, as an ES module and as CommonJS (hence no
// top-level await: CommonJS output has none).
import { TiledeskClient, TidingsError } from 'tidings';

async function main() {
  const tiledesk = new TiledeskClient({
    baseUrl: process.env.TILEDESK_BASE_URL ?? 'https://api.tiledesk.com/v3',
    auth: { kind: 'jwt', token: process.env.TILEDESK_TOKEN ?? '' },
  });
  try {
    const messages = await tiledesk.listMessages({ projectId: process.env.TILEDESK_PROJECT_ID, requestId: process.env.TILEDESK_REQUEST_ID });
    console.log(`Tiledesk request ${process.env.TILEDESK_REQUEST_ID}: ${messages.length} message(s)`);
    for (const m of messages) console.log(`  ${m.senderFullname ?? m.sender}: ${m.text ?? `(${m.type})`}`);
  } finally {
    tiledesk.free();
  }
}

main().catch((error) => {
  if (!(error instanceof TidingsError)) throw error;
  console.error(`tidings ${error.kind}: ${error.message}`);
  process.exitCode = 1;
});
