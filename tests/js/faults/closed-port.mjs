// Node-only helper: a 127.0.0.1 URL with nothing listening (connection refused).
import net from 'node:net';

export async function closedLoopbackUrl() {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
