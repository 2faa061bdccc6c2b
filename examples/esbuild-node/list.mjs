// Lists the messages of a Tiledesk request, then watches it for its first
// message; build.mjs bundles it with esbuild for Node, tidings included, as
// an ES module and as CommonJS (hence no top-level await: CommonJS output
// has none).
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
    // The watch driver is loaded on a watch's first step, from the installed
    // package (next to tidings_bg.wasm): from a bundle too.
    for await (const m of tiledesk.watchMessages({ projectId: process.env.TILEDESK_PROJECT_ID, requestId: process.env.TILEDESK_REQUEST_ID, transport: 'polling' })) {
      console.log(`first message watched: ${m.text ?? `(${m.type})`}`);
      break;
    }
  } finally {
    tiledesk.free();
  }
}

main().catch((error) => {
  if (!(error instanceof TidingsError)) throw error;
  console.error(`tidings ${error.kind}: ${error.message}`);
  process.exitCode = 1;
});
