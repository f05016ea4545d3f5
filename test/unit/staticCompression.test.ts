import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdtemp, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type * as Zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { precompressRendererFiles, rendererSecurityHeaders, sendRendererFile } from '../../src/main/web/static';

// The compressors, counted: each file is to be compressed once per encoding, however often it is asked for.
const compressions = vi.hoisted(() => ({ br: 0, gzip: 0 }));
vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof Zlib>();
  return {
    ...zlib,
    brotliCompress: (...args: Parameters<typeof zlib.brotliCompress>) => {
      compressions.br += 1;
      return zlib.brotliCompress(...args);
    },
    gzip: (...args: Parameters<typeof zlib.gzip>) => {
      compressions.gzip += 1;
      return zlib.gzip(...args);
    },
  };
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(path: string, options: { method?: string; acceptEncoding?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = options.acceptEncoding === undefined ? {} : { 'accept-encoding': options.acceptEncoding };
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the browser reads it, after undoing the answer's encoding. */
function decoded(reply: Reply): Buffer {
  switch (reply.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(reply.body);
    case 'gzip':
      return gunzipSync(reply.body);
    case undefined:
      return reply.body;
    default:
      throw new Error(`unexpected encoding ${String(reply.headers['content-encoding'])}`);
  }
}

/** What Chromium sends with every request for a script or a page. */
const chromium = 'gzip, deflate, br, zstd';

let workDir: string;
let rendererDir: string;
let server: Server;
let port: number;
const files: Record<string, Buffer> = {};

async function writeRendererFile(path: string, content: Buffer): Promise<void> {
  files[path] = content;
  await writeFile(join(rendererDir, path), content);
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tcs-static-'));
  rendererDir = join(workDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  const script = Array.from({ length: 400 }, (_, n) => `export function step${n}(value){return value*${n}+${n % 7};}`).join('\n');
  await writeRendererFile('index.html', Buffer.from(`<!doctype html><title>console</title>${'<p>The console starts here.</p>'.repeat(60)}`));
  await writeRendererFile('assets/app.js', Buffer.from(script));
  await writeRendererFile('assets/handbook-en.js', Buffer.from(`var e={language:\`en\`,pages:[${'{id:`start-here`,title:`Start here`},'.repeat(200)}]};export{e as default};`));
  await writeRendererFile('assets/app.css', Buffer.from('.nav a{color:var(--link);padding:4px 8px}\n'.repeat(80)));
  await writeRendererFile('assets/data.json', Buffer.from(JSON.stringify(Array.from({ length: 200 }, (_, n) => ({ id: n, name: `row ${n}` })))));
  await writeRendererFile('icon.svg', Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${'<circle cx="8" cy="8" r="4"/>'.repeat(60)}</svg>`));
  await writeRendererFile('assets/tiny.js', Buffer.from('console.log(1)'));
  // Images and fonts are compressed already; these would shrink, so only their type keeps them as they are.
  await writeRendererFile('assets/logo.png', Buffer.alloc(8192, 7));
  await writeRendererFile('assets/font.woff2', Buffer.alloc(8192, 9));
  await writeRendererFile('assets/rebuilt.js', Buffer.from(script));
  await writeFile(join(workDir, 'outside.txt'), 'not to be served');

  // Answers as the browser shell does: the file, or 404.
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    void sendRendererFile(request, response, rendererDir, path).then((sent) => {
      if (!sent) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(workDir, { recursive: true, force: true });
});

describe('the browser shell serving the built interface compressed', () => {
  it('sends Brotli to a browser that accepts it, as Chromium does', async () => {
    const reply = await send('/assets/app.js', { acceptEncoding: chromium });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.body.length).toBeLessThan(files['assets/app.js']!.length / 2);
    expect(decoded(reply).equals(files['assets/app.js']!)).toBe(true);
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
  });

  it('sends gzip to a client that does not take Brotli', async () => {
    const reply = await send('/assets/app.js', { acceptEncoding: 'gzip, deflate' });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(decoded(reply).equals(files['assets/app.js']!)).toBe(true);
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
  });

  it.each(['/', '/assets/app.js', '/assets/handbook-en.js', '/assets/app.css', '/assets/data.json', '/icon.svg'])('compresses %s, and it reads back as the file', async (path) => {
    const file = files[path === '/' ? 'index.html' : path.slice(1)]!;
    for (const acceptEncoding of [chromium, 'gzip']) {
      const reply = await send(path, { acceptEncoding });
      expect(reply.headers['content-encoding']).toBe(acceptEncoding === 'gzip' ? 'gzip' : 'br');
      expect(decoded(reply).equals(file)).toBe(true);
      expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    }
  });

  it('sends the file as it is to a client that says nothing of encodings', async () => {
    const reply = await send('/assets/app.js');
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.body.equals(files['assets/app.js']!)).toBe(true);
    expect(Number(reply.headers['content-length'])).toBe(files['assets/app.js']!.length);
  });

  it.each([
    ['br;q=0, gzip;q=0', 'both refused'],
    ['deflate', 'only a coding the console does not make'],
    ['', 'an empty header'],
    ['identity', 'only identity'],
    ['*;q=0', 'everything refused (the file then goes as it is, as RFC 9110 advises)'],
    ['br;q=0, gzip;q=0, identity;q=0', 'everything refused by name'],
  ])('sends the file as it is for "%s" (%s)', async (acceptEncoding) => {
    const reply = await send('/assets/app.js', { acceptEncoding });
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.body.equals(files['assets/app.js']!)).toBe(true);
    expect(Number(reply.headers['content-length'])).toBe(files['assets/app.js']!.length);
  });

  it.each([
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=1, br;q=0.999', 'gzip'],
    ['gzip;q=0.2, br;q=0.3', 'br'],
    ['gzip, br', 'br'],
    ['GZIP;Q=0.5, Br ; q=0.6', 'br'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['gzip;q=0, *', 'br'],
    ['br;q=0, *;q=0.5', 'gzip'],
    ['br, *;q=0', 'br'],
    ['br;q=high, gzip', 'gzip'],
    ['br;q=1.5, gzip;q=0.1', 'gzip'],
    ['br;q=0.0001, gzip;q=0.1', 'gzip'],
    ['gzip;q=0.5, identity', 'as it is'],
    ['br;q=0.5, identity;q=0.4', 'br'],
    ['identity;q=0, gzip;q=0.1', 'gzip'],
  ])('weighs "%s" as the client asks: %s', async (acceptEncoding, expected) => {
    const reply = await send('/assets/app.js', { acceptEncoding });
    expect(reply.headers['content-encoding'] ?? 'as it is').toBe(expected);
    expect(decoded(reply).equals(files['assets/app.js']!)).toBe(true);
  });

  it('says that the answer depends on Accept-Encoding, whichever encoding it has', async () => {
    for (const [path, acceptEncoding] of [
      ['/assets/app.js', chromium],
      ['/assets/app.js', undefined],
      ['/assets/logo.png', chromium],
      ['/assets/tiny.js', chromium],
    ] as const) {
      const reply = await send(path, acceptEncoding === undefined ? {} : { acceptEncoding });
      expect(reply.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('sends images, fonts and tiny files as they are', async () => {
    for (const path of ['assets/logo.png', 'assets/font.woff2', 'assets/tiny.js']) {
      const reply = await send(`/${path}`, { acceptEncoding: chromium });
      expect(reply.headers['content-encoding'], path).toBeUndefined();
      expect(reply.body.equals(files[path]!), path).toBe(true);
      expect(Number(reply.headers['content-length'])).toBe(files[path]!.length);
    }
  });

  it('compresses even a tiny file for a client that refuses it as it is', async () => {
    const reply = await send('/assets/tiny.js', { acceptEncoding: 'identity;q=0, gzip' });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(decoded(reply).equals(files['assets/tiny.js']!)).toBe(true);
  });

  it('answers HEAD with the headers GET has, the encoded length among them, and no body', async () => {
    for (const acceptEncoding of [chromium, 'gzip', undefined]) {
      const options = acceptEncoding === undefined ? {} : { acceptEncoding };
      const get = await send('/assets/app.js', options);
      const head = await send('/assets/app.js', { ...options, method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(head.headers['content-encoding']).toBe(get.headers['content-encoding']);
      expect(head.headers['content-length']).toBe(String(get.body.length));
      expect(head.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('keeps every security header on compressed answers', async () => {
    for (const acceptEncoding of [chromium, 'gzip']) {
      const reply = await send('/', { acceptEncoding });
      expect(reply.headers['content-encoding']).toBeDefined();
      for (const [name, value] of Object.entries(rendererSecurityHeaders)) expect(reply.headers[name], name).toBe(value);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('no-store');
    }
  });

  it('compresses a file once per encoding, however often and however many at once ask for it', async () => {
    await writeRendererFile('assets/counted.json', Buffer.from(JSON.stringify({ rows: Array.from({ length: 300 }, (_, n) => `row ${n}`) })));
    const before = { ...compressions };
    const first = await Promise.all(Array.from({ length: 5 }, () => send('/assets/counted.json', { acceptEncoding: chromium })));
    const again = await send('/assets/counted.json', { acceptEncoding: chromium });
    await send('/assets/counted.json', { acceptEncoding: 'gzip' });
    await send('/assets/counted.json', { acceptEncoding: 'gzip' });
    expect(compressions.br - before.br).toBe(1);
    expect(compressions.gzip - before.gzip).toBe(1);
    for (const reply of [...first, again]) {
      expect(reply.headers['content-encoding']).toBe('br');
      expect(reply.body.equals(again.body)).toBe(true);
    }
  });

  it('serves a rebuilt file as it now is, not as it was compressed before', async () => {
    const old = await send('/assets/rebuilt.js', { acceptEncoding: chromium });
    expect(decoded(old).equals(files['assets/rebuilt.js']!)).toBe(true);
    await writeRendererFile('assets/rebuilt.js', Buffer.from(`${files['assets/rebuilt.js']!.toString()}\nexport const rebuilt = true;`));
    const rebuilt = await send('/assets/rebuilt.js', { acceptEncoding: chromium });
    expect(decoded(rebuilt).toString()).toBe((await readFile(join(rendererDir, 'assets/rebuilt.js'))).toString());
  });

  it('still serves nothing outside the built interface, nor hidden or unknown files', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/.env', '/assets/app.js.map']) {
      const reply = await send(path, { acceptEncoding: chromium });
      expect(reply.status, path).toBe(404);
      expect(reply.headers['content-encoding'], path).toBeUndefined();
    }
  });
});

describe('the files the build compresses ahead', () => {
  let builtDir: string;
  let builtServer: Server;
  let builtPort: number;

  const sendBuilt = (path: string, acceptEncoding: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: builtPort, path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    builtDir = join(workDir, 'built');
    await mkdir(join(builtDir, 'assets', 'nested'), { recursive: true });
    builtServer = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      void sendRendererFile(request, response, builtDir, path).then((sent) => {
        if (!sent) {
          response.writeHead(404);
          response.end();
        }
      });
    });
    await new Promise<void>((resolve) => builtServer.listen(0, '127.0.0.1', resolve));
    builtPort = (builtServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => builtServer.close(() => resolve()));
  });

  it('writes a Brotli and a gzip copy beside each text file worth compressing, and none for the rest', async () => {
    const script = Buffer.from(Array.from({ length: 300 }, (_, n) => `export const value${n} = ${n};`).join('\n'));
    await writeFile(join(builtDir, 'index.html'), `<!doctype html>${'<p>The console.</p>'.repeat(100)}`);
    await writeFile(join(builtDir, 'assets', 'app.js'), script);
    await writeFile(join(builtDir, 'assets', 'nested', 'deep.css'), '.a{color:red}\n'.repeat(200));
    await writeFile(join(builtDir, 'assets', 'tiny.js'), 'export {}');
    await writeFile(join(builtDir, 'assets', 'logo.png'), Buffer.alloc(4096, 1));
    await writeFile(join(builtDir, 'assets', 'app.js.map'), '{"mappings":""}'.repeat(200));

    const totals = await precompressRendererFiles(builtDir);

    const written = (await readdir(builtDir, { recursive: true })).map((name) => name.split('\\').join('/')).sort();
    expect(written).toEqual(
      [
        'assets',
        'assets/app.js',
        'assets/app.js.br',
        'assets/app.js.gz',
        'assets/app.js.map',
        'assets/logo.png',
        'assets/nested',
        'assets/nested/deep.css',
        'assets/nested/deep.css.br',
        'assets/nested/deep.css.gz',
        'assets/tiny.js',
        'index.html',
        'index.html.br',
        'index.html.gz',
      ].sort(),
    );
    expect(totals.files).toBe(3);
    expect(totals.compressedBytes).toBeLessThan(totals.bytes / 4);
    expect(brotliDecompressSync(await readFile(join(builtDir, 'assets', 'app.js.br'))).equals(script)).toBe(true);
    expect(gunzipSync(await readFile(join(builtDir, 'assets', 'app.js.gz'))).equals(script)).toBe(true);
  });

  it('sends the copy the build made rather than compressing the file again', async () => {
    // Copies the server could not have made itself: compressed from other text, so that sending them shows they were read.
    await writeFile(join(builtDir, 'assets', 'ahead.js'), 'export const made = "by the build";\n'.repeat(100));
    await writeFile(join(builtDir, 'assets', 'ahead.js.br'), brotliCompressSync(Buffer.from('the build\'s Brotli copy')));
    await writeFile(join(builtDir, 'assets', 'ahead.js.gz'), gzipSync(Buffer.from('the build\'s gzip copy')));
    const before = { ...compressions };
    const br = await sendBuilt('/assets/ahead.js', chromium);
    const gz = await sendBuilt('/assets/ahead.js', 'gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(decoded(br).toString()).toBe("the build's Brotli copy");
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz).toString()).toBe("the build's gzip copy");
    expect(compressions).toEqual(before);
  });

  it('compresses the file itself when the copy beside it is older, as after a build that made none', async () => {
    const text = 'export const fresh = true;\n'.repeat(100);
    await writeFile(join(builtDir, 'assets', 'stale.js'), text);
    await writeFile(join(builtDir, 'assets', 'stale.js.br'), brotliCompressSync(Buffer.from('an older build')));
    const { mtime } = await stat(join(builtDir, 'assets', 'stale.js'));
    const older = new Date(mtime.getTime() - 60_000);
    await utimes(join(builtDir, 'assets', 'stale.js.br'), older, older);
    const reply = await sendBuilt('/assets/stale.js', chromium);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(decoded(reply).toString()).toBe(text);
  });

  it('never sends a copy by its own name', async () => {
    for (const path of ['/assets/app.js.br', '/assets/app.js.gz', '/index.html.br']) {
      const reply = await sendBuilt(path, chromium);
      expect(reply.status, path).toBe(404);
    }
  });
});
