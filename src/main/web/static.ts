import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

/**
 * The Content-Security-Policy of every page of the renderer, sent as a header by
 * both shells. The built index.html carries the same policy in a meta tag (less
 * `frame-ancestors`, which a meta tag cannot set).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const rendererSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** What each served type is sent as, and whether it is text that compresses (images and fonts are compressed already). */
const fileTypes: Readonly<Record<string, { contentType: string; compressible: boolean }>> = {
  '.html': { contentType: 'text/html; charset=utf-8', compressible: true },
  '.js': { contentType: 'text/javascript; charset=utf-8', compressible: true },
  '.mjs': { contentType: 'text/javascript; charset=utf-8', compressible: true },
  '.css': { contentType: 'text/css; charset=utf-8', compressible: true },
  '.json': { contentType: 'application/json; charset=utf-8', compressible: true },
  '.svg': { contentType: 'image/svg+xml', compressible: true },
  '.png': { contentType: 'image/png', compressible: false },
  '.ico': { contentType: 'image/x-icon', compressible: false },
  '.woff2': { contentType: 'font/woff2', compressible: false },
  '.txt': { contentType: 'text/plain; charset=utf-8', compressible: true },
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Text that gains from compression: scripts (the handbook's among them), styles, pages, JSON, SVG. */
  compressible: boolean;
  /** The file on disk, and what identifies this version of it. */
  path: string;
  modifiedMs: number;
}

/**
 * Reads a file of the built renderer for a URL path. Paths that leave the folder,
 * hidden files and unknown types are not served; `/` is the index page.
 */
export async function readRendererFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const root = resolve(rootDir);
  const path = resolve(root, `.${decoded === '/' || decoded === '' ? '/index.html' : decoded}`);
  if (!path.startsWith(root + sep)) return null;
  const type = fileTypes[extname(path).toLowerCase()];
  if (type === undefined) return null;
  try {
    const found = await stat(path);
    if (!found.isFile()) return null;
    return { body: await readFile(path), contentType: type.contentType, compressible: type.compressible, path, modifiedMs: found.mtimeMs };
  } catch {
    return null;
  }
}

type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Below this, the headers an encoding adds cost about what it saves. */
const minCompressedBytes = 1024;

/**
 * Brotli at quality 5 compresses the largest chunk in a few tens of milliseconds
 * to within about a tenth of its best size, which takes seconds: a file the
 * build did not compress is compressed so when first asked for.
 */
const brotliQuality = 5;
/**
 * The build compresses every file ahead (`precompressRendererFiles`), harder:
 * quality 9 makes the whole renderer about 7% smaller than quality 5 in well
 * under a second; 11 saves about 8% more and takes ten times as long.
 */
const buildBrotliQuality = 9;
const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);
const brotliAt = (quality: number) => (body: Buffer) =>
  compressBrotli(body, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
const compressors: Readonly<Record<'br' | 'gzip', (body: Buffer) => Promise<Buffer>>> = {
  br: brotliAt(brotliQuality),
  gzip: (body) => compressGzip(body, { level: 6 }),
};
const buildCompressors: Readonly<Record<'br' | 'gzip', (body: Buffer) => Promise<Buffer>>> = {
  br: brotliAt(buildBrotliQuality),
  gzip: (body) => compressGzip(body, { level: 9 }),
};

/** Where the build keeps a file compressed ahead: beside it, with the encoding's usual suffix. */
const precompressedSuffix: Readonly<Record<'br' | 'gzip', string>> = { br: '.br', gzip: '.gz' };

/**
 * Writes each file of a built renderer that is worth compressing beside itself
 * compressed with Brotli and gzip (`app.js.br`, `app.js.gz`), so that the
 * browser shell's first page waits for no compression. A compressed copy no
 * smaller than its file is not written. The copies are never served by their
 * own names (`readRendererFile` knows no such type), only in place of their
 * file, and only while they are newer than it.
 */
export async function precompressRendererFiles(rootDir: string): Promise<{ files: number; bytes: number; compressedBytes: number }> {
  const found = await readdir(rootDir, { recursive: true, withFileTypes: true });
  const totals = { files: 0, bytes: 0, compressedBytes: 0 };
  await Promise.all(
    found.map(async (entry) => {
      const type = fileTypes[extname(entry.name).toLowerCase()];
      if (!entry.isFile() || type === undefined || !type.compressible) return;
      const path = join(entry.parentPath, entry.name);
      const body = await readFile(path);
      if (body.length < minCompressedBytes) return;
      totals.files += 1;
      totals.bytes += body.length;
      for (const encoding of ['br', 'gzip'] as const) {
        const compressed = await buildCompressors[encoding](body);
        if (compressed.length >= body.length) continue;
        if (encoding === 'br') totals.compressedBytes += compressed.length;
        // Written whole or not at all: a server reading it meanwhile never sees half a file.
        const target = path + precompressedSuffix[encoding];
        await writeFile(`${target}.tmp`, compressed);
        await rename(`${target}.tmp`, target);
      }
    }),
  );
  return totals;
}

/** A file's copy compressed by the build, if there is one newer than the file. */
async function readPrecompressed(file: StaticFile, encoding: 'br' | 'gzip'): Promise<Buffer | null> {
  const path = file.path + precompressedSuffix[encoding];
  try {
    const found = await stat(path);
    if (!found.isFile() || found.mtimeMs < file.modifiedMs) return null;
    return await readFile(path);
  } catch {
    return null;
  }
}

interface Encoded {
  /** The version of the file these were made from: a rebuilt file is compressed again. */
  modifiedMs: number;
  size: number;
  bodies: Map<'br' | 'gzip', Promise<Buffer>>;
}

/**
 * Each file compressed once per encoding, on its first request, and kept: the
 * built interface does not change while the console runs, and all of it
 * compressed is a few megabytes. The build's compressed copy is read when there
 * is one; otherwise the file is compressed then. Concurrent first requests share
 * one read or compression.
 */
const encodedFiles = new Map<string, Encoded>();

function encodedBody(file: StaticFile, encoding: 'br' | 'gzip'): Promise<Buffer> {
  let entry = encodedFiles.get(file.path);
  if (entry === undefined || entry.modifiedMs !== file.modifiedMs || entry.size !== file.body.length) {
    entry = { modifiedMs: file.modifiedMs, size: file.body.length, bodies: new Map() };
    encodedFiles.set(file.path, entry);
  }
  let body = entry.bodies.get(encoding);
  if (body === undefined) {
    const bodies = entry.bodies;
    body = readPrecompressed(file, encoding).then((ready) => ready ?? compressors[encoding](file.body));
    bodies.set(encoding, body);
    // A failure is not kept: the next request tries again, and this one is answered uncompressed.
    body.catch(() => bodies.delete(encoding));
  }
  return body;
}

/**
 * The weight (q-value, 0 to 1) `Accept-Encoding` gives each coding, by lower-case
 * name. An entry whose q-value is not one (`gzip;q=high`) counts for nothing
 * either way.
 */
function acceptedCodings(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (name === '') continue;
    let weight = 1;
    for (const parameter of parameters) {
      const [key, value] = parameter.split('=').map((part) => part.trim());
      if (key !== 'q') continue;
      weight = value !== undefined && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : Number.NaN;
    }
    if (!Number.isNaN(weight)) weights.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  return weights;
}

/**
 * The encoding to answer with, as RFC 9110 lets the client choose: the coding it
 * weighs highest, Brotli before gzip at equal weight, `*` standing for every
 * coding it does not name. The file goes as it is when there is no header, when
 * neither Brotli nor gzip is accepted (even if `identity` is refused too: the
 * RFC's advice when nothing acceptable exists), when the client weighs
 * `identity` higher, or when compressing is not worth it and the client has not
 * refused `identity`.
 */
function chooseContentEncoding(acceptEncoding: string | undefined, worthCompressing: boolean): ContentEncoding {
  if (acceptEncoding === undefined) return 'identity';
  const weights = acceptedCodings(acceptEncoding);
  const weightOf = (coding: string): number | undefined => weights.get(coding) ?? weights.get('*');
  const identity = weightOf('identity');
  let best: { encoding: 'br' | 'gzip'; weight: number } | undefined;
  for (const encoding of ['br', 'gzip'] as const) {
    const weight = weightOf(encoding) ?? 0;
    if (weight > 0 && (best === undefined || weight > best.weight)) best = { encoding, weight };
  }
  if (best === undefined) return 'identity';
  if (identity === 0) return best.encoding;
  if (!worthCompressing) return 'identity';
  return identity !== undefined && identity > best.weight ? 'identity' : best.encoding;
}

/**
 * Answers a GET or HEAD for a file of the built renderer, as the browser shell
 * does: the security headers, never cached (a rebuilt console is seen at once),
 * and text compressed with Brotli or gzip when the request accepts it. Returns
 * false, having answered nothing, when there is no such file.
 */
export async function sendRendererFile(
  request: { method?: string | undefined; headers: IncomingHttpHeaders },
  response: ServerResponse,
  rootDir: string,
  urlPath: string,
): Promise<boolean> {
  const file = await readRendererFile(rootDir, urlPath);
  if (file === null) return false;
  const worthCompressing = file.compressible && file.body.length >= minCompressedBytes;
  let encoding = chooseContentEncoding(request.headers['accept-encoding'], worthCompressing);
  let body = file.body;
  if (encoding !== 'identity') {
    try {
      body = await encodedBody(file, encoding);
    } catch {
      encoding = 'identity';
    }
    // Compressing made it no smaller: sent as it is, unless the client refused that.
    const takesItAsItIs = chooseContentEncoding(request.headers['accept-encoding'], false) === 'identity';
    if (encoding !== 'identity' && body.length >= file.body.length && takesItAsItIs) {
      encoding = 'identity';
      body = file.body;
    }
  }
  response.writeHead(200, {
    ...rendererSecurityHeaders,
    'content-type': file.contentType,
    'cache-control': 'no-store',
    // Caches must not give a compressed answer to a client that did not accept it.
    vary: 'Accept-Encoding',
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    'content-length': body.length,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
