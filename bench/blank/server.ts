/**
 * Serves the built blank page on 127.0.0.1 with the browser shell's own static
 * code, as a process of its own, as the console's shell runs: each start-up
 * measured finds it as fresh as the console.
 *
 *   node --import tsx bench/blank/server.ts DIR [compressed|as-is]
 *
 * Prints `http://127.0.0.1:PORT/`. `as-is` ignores Accept-Encoding, for when the
 * console's shell sends its files uncompressed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendRendererFile } from '../../src/main/web/static';

const [dir, mode = 'compressed'] = process.argv.slice(2);
if (dir === undefined || (mode !== 'compressed' && mode !== 'as-is')) {
  process.stderr.write('Usage: node --import tsx bench/blank/server.ts DIR [compressed|as-is]\n');
  process.exit(2);
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const asked = mode === 'compressed' ? request : { method: request.method, headers: {} };
  sendRendererFile(asked, response, dir, path).then(
    (sent) => {
      if (sent) return;
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end('Not found');
    },
    () => response.destroy(),
  );
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
