import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

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

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
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
  const contentType = contentTypes[extname(path).toLowerCase()];
  if (contentType === undefined) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
    return { body: await readFile(path), contentType };
  } catch {
    return null;
  }
}
