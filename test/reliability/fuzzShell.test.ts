import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDispatcher, type Dispatch, type HandlerTable } from '../../src/main/ipc';
import { startBrowserShell, type BrowserShell } from '../../src/main/web';
import { channels, contract, type Channel } from '../../src/shared/contract';
import { appErrorSchema, fail } from '../../src/shared/result';
import { atSize } from '../support/reliability';
import { fuzzSeed, recordFuzzTally, type FuzzTally } from './fuzzFigures';
import { exchange, type Exchange, type RawRequest } from './fuzzHttp';
import { hostileValue, inheritsPollution, pollutionMark, spoiledArb, validExamples } from './fuzzSchemas';

/**
 * The browser shell's HTTP surface, started in-process on a free port in
 * front of the real dispatcher, with handlers that record what reaches them:
 * random methods, paths, encodings, Host/Origin/Authorization headers and
 * bodies. Every request is answered, never with a 5xx; nothing outside the
 * built interface is served; no operation runs without the tab's key and its
 * own origin; and afterwards a normal request still works.
 */

const seed = fuzzSeed(20_251_204);
const randomRuns = atSize(450, 10_000);

/** A generous bound that a busy machine still meets: a hang is minutes, not seconds. */
const testTimeout = atSize(240_000, 3_600_000);

const tally: FuzzTally = { requests: 0, handlersOnBadInput: 0, crashes: 0 };
let failures = 0;

/** In files that must never be served; an answer that contains it has leaked one. */
const secretMark = `SECRET-${seed}-never-served`;
const publicFiles: Readonly<Record<string, string>> = {
  'index.html': '<!doctype html><title>console</title>',
  'assets/app.js': 'console.log("app")',
  'assets/app.css': 'body { color: black }',
};

let base: string;
let shell: BrowserShell;
let port: number;
/** The shell's clock stands still: no address expires during the run. */
const clock = 1_000_000;

/** Every call that reached the dispatcher, and every handler that ran, in order. */
const dispatched: { channel: string; args: unknown }[] = [];
const handled: { channel: Channel; args: unknown }[] = [];
const reachedMessage = 'the handler ran';

/** The tab keys the shell holds, oldest first, as the shell keeps them (it forgets the oldest past 64). */
const liveKeys: string[] = [];
const forgottenKeys: string[] = [];
/** Address tokens the shell has traded, so no longer good. */
const usedTokens: string[] = [];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tcs-fuzz-shell-'));
  const rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  for (const [path, text] of Object.entries(publicFiles)) await writeFile(join(rendererDir, path), text);
  // Files a request must never reach: hidden ones, ones of a type the shell does not serve, and ones beside or above its folder.
  await writeFile(join(rendererDir, '.env'), secretMark);
  await writeFile(join(rendererDir, 'assets', '.secret.txt'), secretMark);
  await writeFile(join(rendererDir, 'keys.pem'), secretMark);
  await writeFile(join(rendererDir, 'assets', 'app.js.map'), secretMark);
  await mkdir(join(base, 'renderer-private'));
  await writeFile(join(base, 'renderer-private', 'secret.txt'), secretMark);
  await writeFile(join(base, 'outside.txt'), secretMark);
  await writeFile(join(base, 'outside.html'), secretMark);

  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      (args: unknown) => {
        handled.push({ channel, args });
        return fail({ kind: 'internal', message: reachedMessage });
      },
    ]),
  ) as unknown as HandlerTable;
  const inner = createDispatcher(handlers);
  const dispatch: Dispatch = (channel, args) => {
    dispatched.push({ channel, args });
    return inner(channel, args);
  };
  shell = await startBrowserShell({ dispatch, rendererDir, port: 0, addressLifetimeMs: 60 * 60_000, now: () => clock, events: { subscribe: () => () => undefined } });
  port = shell.port;
  const first = await connectTab();
  expect(first).not.toBeNull();
});

afterAll(async () => {
  await shell?.close();
  if (base !== undefined) await rm(base, { recursive: true, force: true });
  if (failures === 0) recordFuzzTally('http', tally);
});

function freshToken(): string {
  return new URL(shell.newAddress()).searchParams.get('token')!;
}

/** Trades a fresh address token for a tab key, as the page does. */
async function connectTab(): Promise<string | null> {
  const token = freshToken();
  const result = await exchange(port, {
    method: 'POST',
    target: '/connect',
    headers: [
      ['Host', `127.0.0.1:${port}`],
      ['Origin', `http://127.0.0.1:${port}`],
      ['Content-Type', 'application/json'],
    ],
    body: Buffer.from(JSON.stringify({ token })),
  });
  if (!result.answered || result.reply.status !== 200) return null;
  usedTokens.push(token);
  const key = (JSON.parse(result.reply.body.toString('utf8')) as { key: string }).key;
  rememberKey(key);
  return key;
}

function rememberKey(key: string): void {
  liveKeys.push(key);
  if (liveKeys.length > 64) forgottenKeys.push(liveKeys.shift()!);
}

/* ------------------------------------------------------------------------ */
/* What a request is made of, each part labelled with what it should allow   */
/* ------------------------------------------------------------------------ */

interface Part<T = string> {
  value: T;
  /** The shell must accept this part (a loopback Host of its port, its own Origin, the tab's key…). */
  ok: boolean;
  label: string;
}
const good = <T>(value: T, label: string): Part<T> => ({ value, ok: true, label });
const bad = <T>(value: T, label: string): Part<T> => ({ value, ok: false, label });

type Route = 'rpc' | 'connect' | 'events' | 'static' | 'none';
interface Target {
  text: string;
  route: Route;
  /** For `rpc`: the operation the path names, when it names one. */
  channel?: Channel;
  label: string;
}

/** How the Authorization header is made; keys and tokens exist only when the request is sent. */
type Auth = 'none' | 'key' | 'key-twice' | 'wrong' | 'lowercase' | 'no-scheme' | 'basic' | 'address-token' | 'forgotten-key' | 'truncated' | 'longer' | 'zero-width' | 'huge' | 'cookie' | 'query';
const authOk: ReadonlySet<Auth> = new Set(['key', 'key-twice']);

/** How a /connect body is made. */
type TokenBody = 'fresh' | 'used' | 'mangled' | 'number' | 'missing' | 'array';

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; label: string }
  | { kind: 'text'; text: string; label: string }
  | { kind: 'bytes'; bytes: Buffer; label: string }
  | { kind: 'token'; token: TokenBody };

interface HttpCase {
  method: string;
  target: Target;
  host: Part<string | null>;
  origin: Part<string | null>;
  auth: Auth;
  contentType: Part<string | null>;
  body: Body;
  chunked: boolean;
  extra: Part<readonly (readonly [string, string])[]>;
  abort: boolean;
}

function describeCase(request: HttpCase): string {
  const body = request.body.kind === 'none' ? 'no body' : request.body.kind === 'token' ? `token ${request.body.token}` : request.body.label;
  return `${request.method} ${request.target.label} host=${request.host.label} origin=${request.origin.label} auth=${request.auth} type=${request.contentType.label} body=${body}${request.chunked ? ' (chunked)' : ''}${request.extra.value.length > 0 ? ` +${request.extra.label}` : ''}${request.abort ? ' (client hangs up)' : ''}`;
}

const exampleCache = new Map<Channel, unknown[]>();
function examplesOf(channel: Channel): unknown[] {
  let found = exampleCache.get(channel);
  if (found === undefined) {
    found = validExamples(contract[channel].args as z.ZodType, 2, seed);
    exampleCache.set(channel, found);
  }
  return found;
}

function jsonSafe(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

function caseArb(): fc.Arbitrary<HttpCase> {
  const otherPort = port === 65_535 ? port - 1 : port + 1;
  const host = fc.oneof(
    { weight: 30, arbitrary: fc.constant(good<string | null>(`127.0.0.1:${port}`, 'own')) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(good<string | null>(`localhost:${port}`, 'localhost'), good<string | null>(`LocalHost:${port}`, 'LocalHost'), good<string | null>(`[::1]:${port}`, '[::1]')),
    },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        bad<string | null>(null, 'absent'),
        bad<string | null>('', 'empty'),
        bad<string | null>(`127.0.0.1:${otherPort}`, 'another port'),
        bad<string | null>('127.0.0.1', 'no port'),
        bad<string | null>(`evil.example:${port}`, 'foreign'),
        bad<string | null>(`127.0.0.1.evil.example:${port}`, 'rebinding name'),
        bad<string | null>(`127.0.0.1:${port}.evil.example`, 'port then name'),
        bad<string | null>(`0.0.0.0:${port}`, '0.0.0.0'),
        bad<string | null>(`127.1:${port}`, '127.1'),
        bad<string | null>(`[::ffff:127.0.0.1]:${port}`, 'mapped v6'),
        bad<string | null>(`user@127.0.0.1:${port}`, 'with user'),
        bad<string | null>(`127.0.0.1:0${port}`, 'padded port'),
        bad<string | null>(`127.0.0.1:${port}:${port}`, 'two ports'),
        bad<string | null>(`h${'o'.repeat(9_000)}st:${port}`, 'huge'),
      ),
    },
  );
  const origin = fc.oneof(
    { weight: 20, arbitrary: fc.constant(good<string | null>(null, 'absent')) },
    { weight: 10, arbitrary: fc.constantFrom(good<string | null>(`http://127.0.0.1:${port}`, 'own'), good<string | null>(`http://localhost:${port}`, 'localhost')) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        bad<string | null>(`http://127.0.0.1:${otherPort}`, 'another local port'),
        bad<string | null>(`http://localhost:5173`, 'a dev server'),
        bad<string | null>(`https://127.0.0.1:${port}`, 'https'),
        bad<string | null>('null', 'null'),
        bad<string | null>('', 'empty'),
        bad<string | null>('https://evil.example', 'foreign'),
        bad<string | null>(`http://127.0.0.1:${port}.evil.example`, 'port then name'),
        bad<string | null>(`http://127.0.0.1:${port}@evil.example`, 'userinfo'),
        bad<string | null>('file://', 'file'),
        bad<string | null>('chrome-extension://abcdefghijklmnop', 'an extension'),
        bad<string | null>('not a url', 'garbage'),
      ),
    },
  );
  const auth = fc.oneof(
    { weight: 30, arbitrary: fc.constant<Auth>('key') },
    { weight: 10, arbitrary: fc.constantFrom<Auth>('none', 'key-twice', 'wrong', 'lowercase', 'no-scheme', 'basic', 'address-token', 'forgotten-key', 'truncated', 'longer', 'zero-width', 'huge', 'cookie', 'query') },
  );
  const contentType = fc.oneof(
    { weight: 30, arbitrary: fc.constant(good<string | null>('application/json', 'json')) },
    { weight: 2, arbitrary: fc.constantFrom(good<string | null>('application/json; charset=utf-8', 'json utf-8'), good<string | null>('application/jsonx', 'jsonx'), good<string | null>(' application/json', 'a leading space (HTTP trims it)')) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        bad<string | null>(null, 'absent'),
        bad<string | null>('text/plain', 'text'),
        bad<string | null>('application/x-www-form-urlencoded', 'form'),
        bad<string | null>('multipart/form-data; boundary=x', 'multipart'),
        bad<string | null>('APPLICATION/JSON', 'upper case'),
        bad<string | null>('text/json', 'text/json'),
      ),
    },
  );
  const method = fc.oneof(
    { weight: 30, arbitrary: fc.constant('POST') },
    { weight: 4, arbitrary: fc.constant('GET') },
    { weight: 4, arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'SEARCH', 'CONNECT', 'get', 'BREW', 'P0ST', 'POST\u0000') },
  );
  const extra = fc.oneof(
    { weight: 30, arbitrary: fc.constant(good<readonly (readonly [string, string])[]>([], 'none')) },
    {
      weight: 5,
      arbitrary: fc.constantFrom<Part<readonly (readonly [string, string])[]>>(
        good([['X-Forwarded-For', '127.0.0.1']], 'x-forwarded-for'),
        good([['X-Forwarded-Host', `127.0.0.1:${port}`]], 'x-forwarded-host'),
        good([['Forwarded', `host=127.0.0.1:${port}`]], 'forwarded'),
        good([['Expect', '100-continue']], 'expect'),
        good([['Upgrade', 'websocket'], ['Sec-WebSocket-Version', '13'], ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ==']], 'upgrade'),
        good([['Sec-Fetch-Site', 'cross-site'], ['Sec-Fetch-Mode', 'no-cors']], 'fetch metadata'),
        good([['Accept-Encoding', 'gzip, deflate, br'], ['Accept', '*/*']], 'accept'),
        good([['X-Big', 'a'.repeat(20_000)]], 'a 20 KB header'),
        good(Array.from({ length: 300 }, (_, index) => [`X-Many-${index}`, String(index)] as const), '300 headers'),
        good([['X-Bad', 'a\u0001b']], 'a control character'),
        good([['X-Unicode', 'caf\u00e9 \u202e']], 'non-ASCII'),
        good([['Content-Length', '0']], 'another Content-Length'),
        good([['Transfer-Encoding', 'gzip']], 'an unknown transfer encoding'),
        good([['Host', `evil.example:${port}`]], 'a second Host'),
        bad([['Origin', 'https://evil.example']], 'a second Origin'),
        good([['Bad Header', 'x']], 'a space in a header name'),
      ),
    },
  );

  const rpcTarget = fc.constantFrom(...channels).chain((channel) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<Target>({ text: `/rpc/${channel}`, route: 'rpc', channel, label: `rpc ${channel}` }) },
      { weight: 2, arbitrary: rpcVariants(channel) },
    ),
  );
  const rpcVariants = (channel: Channel): fc.Arbitrary<Target> =>
    fc.constantFrom<Target>(
      { text: `/rpc/${encodeURIComponent(channel)}`, route: 'rpc', channel, label: `rpc ${channel} encoded` },
      { text: `/rpc/${channel}?token=x&key=y`, route: 'rpc', channel, label: `rpc ${channel} with a query` },
      { text: `/rpc/x/../${channel}`, route: 'rpc', channel, label: `rpc ${channel} through ..` },
      { text: `http://127.0.0.1:${port}/rpc/${channel}`, route: 'rpc', channel, label: `rpc ${channel} absolute` },
      { text: `/rpc/${channel}/`, route: 'rpc', label: `rpc ${channel}/` },
      { text: `/rpc/${channel.toUpperCase()}`, route: 'rpc', label: `rpc ${channel} in capitals` },
      { text: `/rpc/${channel}%00`, route: 'rpc', label: `rpc ${channel} NUL` },
      { text: `/rpc/${channel}%E2%80%8B`, route: 'rpc', label: `rpc ${channel} zero-width` },
      { text: `/rpc/%2e%2e/${channel}`, route: 'rpc', label: `rpc %2e%2e ${channel}` },
      { text: `/RPC/${channel}`, route: 'static', label: `RPC ${channel}` },
      { text: `//rpc/${channel}`, route: 'static', label: `//rpc ${channel}` },
    );
  const otherTarget = fc.constantFrom<Target>(
    { text: '/rpc/__proto__', route: 'rpc', label: 'rpc __proto__' },
    { text: '/rpc/constructor', route: 'rpc', label: 'rpc constructor' },
    { text: '/rpc/hasOwnProperty', route: 'rpc', label: 'rpc hasOwnProperty' },
    { text: '/rpc/', route: 'rpc', label: 'rpc nothing' },
    { text: `/rpc/${'a'.repeat(5_000)}`, route: 'rpc', label: 'rpc a long name' },
    { text: '/connect', route: 'connect', label: 'connect' },
    { text: '/%63onnect', route: 'connect', label: 'connect encoded' },
    { text: '/connect?token=abc', route: 'connect', label: 'connect with a query' },
    { text: '/connect/', route: 'static', label: 'connect/' },
    { text: '/events', route: 'events', label: 'events' },
    { text: '/%65vents', route: 'events', label: 'events encoded' },
    { text: '/', route: 'static', label: '/' },
    { text: '/index.html', route: 'static', label: 'index.html' },
    { text: '/assets/app.js', route: 'static', label: 'app.js' },
    { text: '/assets/app.css?v=1', route: 'static', label: 'app.css with a query' },
    { text: '/%69ndex.html', route: 'static', label: 'index.html encoded' },
    { text: '/assets%2fapp.js', route: 'static', label: 'assets%2fapp.js' },
    { text: '/?token=abc', route: 'static', label: 'page with a token' },
    { text: '/../outside.txt', route: 'static', label: '../outside.txt' },
    { text: '/..%2foutside.txt', route: 'static', label: '..%2f' },
    { text: '/%2e%2e/outside.txt', route: 'static', label: '%2e%2e/' },
    { text: '/%2e%2e%2foutside.html', route: 'static', label: '%2e%2e%2f' },
    { text: '/%252e%252e/outside.txt', route: 'static', label: 'double-encoded' },
    { text: '/assets/../../outside.txt', route: 'static', label: 'assets/../../' },
    { text: '/assets/%2e%2e/%2e%2e/outside.txt', route: 'static', label: 'assets/%2e%2e/%2e%2e' },
    { text: '/..%5coutside.txt', route: 'static', label: '..\\' },
    { text: '/%c0%ae%c0%ae/outside.txt', route: 'static', label: 'overlong UTF-8 dots' },
    { text: '/%e0%80%ae%e0%80%ae/outside.txt', route: 'static', label: 'three-byte overlong dots' },
    { text: '/../renderer-private/secret.txt', route: 'static', label: 'a sibling folder' },
    { text: '/%2e%2e/renderer-private/secret.txt', route: 'static', label: 'a sibling folder encoded' },
    { text: `/${'../'.repeat(30)}etc/passwd`, route: 'static', label: 'etc/passwd' },
    { text: `/${'%2e%2e%2f'.repeat(30)}etc/passwd`, route: 'static', label: 'etc/passwd encoded' },
    { text: '/.env', route: 'static', label: '.env' },
    { text: '/%2eenv', route: 'static', label: '%2eenv' },
    { text: '/assets/.secret.txt', route: 'static', label: 'a hidden file' },
    { text: '/assets/%2esecret.txt', route: 'static', label: 'a hidden file encoded' },
    { text: '/keys.pem', route: 'static', label: 'a type not served' },
    { text: '/assets/app.js.map', route: 'static', label: 'a source map' },
    { text: '/index.html%00.js', route: 'static', label: 'NUL' },
    { text: '/assets/', route: 'static', label: 'a folder' },
    { text: '/assets', route: 'static', label: 'a folder without /' },
    { text: '/%', route: 'static', label: '%' },
    { text: '/%zz', route: 'static', label: '%zz' },
    { text: '/%E0%A4%A', route: 'static', label: 'cut UTF-8' },
    { text: '//[', route: 'static', label: '//[' },
    { text: '//evil.example/index.html', route: 'static', label: '//host' },
    { text: 'http://evil.example/index.html', route: 'static', label: 'absolute, foreign' },
    { text: '*', route: 'static', label: '*' },
    { text: '/\u00e9', route: 'static', label: 'raw UTF-8' },
    { text: `/${'a'.repeat(20_000)}.html`, route: 'static', label: 'a 20 KB path' },
    { text: `/${'x/'.repeat(1_000)}index.html`, route: 'static', label: 'a deep path' },
    { text: 'index.html', route: 'static', label: 'no leading /' },
    { text: `127.0.0.1:${port}`, route: 'none', label: 'authority form' },
  );
  const target = fc.oneof({ weight: 2, arbitrary: rpcTarget }, { weight: 1, arbitrary: otherTarget });

  const genericBody = fc.oneof(
    fc.constant<Body>({ kind: 'none' }),
    fc.constantFrom<Body>(
      { kind: 'text', text: '', label: 'empty' },
      { kind: 'text', text: '{', label: 'cut JSON' },
      { kind: 'text', text: '{"a":', label: 'cut JSON' },
      { kind: 'text', text: "{'a':1}", label: 'single quotes' },
      { kind: 'text', text: 'undefined', label: 'undefined' },
      { kind: 'text', text: 'NaN', label: 'NaN' },
      { kind: 'text', text: '\ufeff{}', label: 'a byte-order mark' },
      { kind: 'text', text: '{"a":1}{"b":2}', label: 'two documents' },
      { kind: 'text', text: 'null', label: 'null' },
      { kind: 'text', text: '[]', label: '[]' },
      { kind: 'text', text: `{"__proto__":{"${pollutionMark}":true},"constructor":{"prototype":{"${pollutionMark}":true}}}`, label: 'prototype keys' },
      { kind: 'text', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, label: '100,000 nested arrays' },
      { kind: 'text', text: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, label: '100,000 nested objects' },
      { kind: 'text', text: `"${'x'.repeat(1024 * 1024 - 2)}"`, label: 'exactly 1 MB' },
      { kind: 'text', text: `"${'x'.repeat(1024 * 1024 - 1)}"`, label: '1 MB and a byte' },
      { kind: 'bytes', bytes: Buffer.alloc(3 * 1024 * 1024, 0x20), label: '3 MB of spaces' },
      { kind: 'bytes', bytes: Buffer.from([0xff, 0xfe, 0x7b, 0x7d, 0xc0, 0xae]), label: 'invalid UTF-8' },
      { kind: 'bytes', bytes: Buffer.from('{"a":"\ud800"}'), label: 'a lone surrogate' },
    ),
    hostileValue(100).filter(jsonSafe).map((value): Body => ({ kind: 'json', value, label: 'a hostile value' })),
  );
  const rpcBody = (channel: Channel): fc.Arbitrary<Body> => {
    const schema = contract[channel].args as z.ZodType;
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...examplesOf(channel)).map((value): Body => (value === undefined ? { kind: 'none' } : { kind: 'json', value, label: 'a valid argument' })) },
      {
        weight: 6,
        arbitrary: fc
          .constantFrom(...examplesOf(channel))
          .chain((example) => spoiledArb(schema, example, 100))
          .filter((spoiled) => jsonSafe(spoiled.value))
          .map((spoiled): Body => ({ kind: 'json', value: spoiled.value, label: `${spoiled.kind} ${spoiled.detail}` })),
      },
      { weight: 3, arbitrary: genericBody },
    );
  };
  const tokenBody = fc.constantFrom<Body>(
    { kind: 'token', token: 'fresh' },
    { kind: 'token', token: 'used' },
    { kind: 'token', token: 'mangled' },
    { kind: 'token', token: 'number' },
    { kind: 'token', token: 'missing' },
    { kind: 'token', token: 'array' },
  );
  const bodyFor = (chosen: Target): fc.Arbitrary<Body> =>
    chosen.route === 'rpc' && chosen.channel !== undefined ? rpcBody(chosen.channel) : chosen.route === 'connect' ? fc.oneof({ weight: 3, arbitrary: tokenBody }, { weight: 1, arbitrary: genericBody }) : genericBody;

  return target.chain((chosen) =>
    fc.record({
      method: chosen.route === 'rpc' || chosen.route === 'connect' ? method : fc.oneof(method, fc.constant('GET'), fc.constant('GET')),
      target: fc.constant(chosen),
      host,
      origin,
      auth,
      contentType,
      body: bodyFor(chosen),
      chunked: fc.boolean(),
      extra,
      abort: fc.oneof({ weight: 40, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  );
}

/* ------------------------------------------------------------------------ */
/* Sending a case and judging its answer                                     */
/* ------------------------------------------------------------------------ */

function randomKeyLike(): string {
  return Buffer.from(Array.from({ length: 32 }, (_, index) => (index * 37 + usedTokens.length) % 256)).toString('base64url');
}

/** The request's bytes, with keys and tokens made now; and whether it carries a key the shell holds. */
function materialise(request: HttpCase): { raw: RawRequest; keyHeld: boolean; freshToken: string | null } {
  const headers: (readonly [string, string])[] = [];
  if (request.host.value !== null) headers.push(['Host', request.host.value]);
  if (request.origin.value !== null) headers.push(['Origin', request.origin.value]);
  const key = liveKeys.at(-1)!;
  let target = request.target.text;
  switch (request.auth) {
    case 'key':
      headers.push(['Authorization', `Bearer ${key}`]);
      break;
    case 'key-twice':
      headers.push(['Authorization', `Bearer ${key}`], ['Authorization', `Bearer ${randomKeyLike()}`]);
      break;
    case 'wrong':
      headers.push(['Authorization', `Bearer ${randomKeyLike()}`]);
      break;
    case 'lowercase':
      headers.push(['Authorization', `bearer ${key}`]);
      break;
    case 'no-scheme':
      headers.push(['Authorization', key]);
      break;
    case 'basic':
      headers.push(['Authorization', `Basic ${Buffer.from(`admin:${key}`).toString('base64')}`]);
      break;
    case 'address-token':
      headers.push(['Authorization', `Bearer ${freshToken()}`]);
      break;
    case 'forgotten-key':
      headers.push(['Authorization', `Bearer ${forgottenKeys.at(-1) ?? randomKeyLike()}`]);
      break;
    case 'truncated':
      headers.push(['Authorization', `Bearer ${key.slice(0, -1)}`]);
      break;
    case 'longer':
      headers.push(['Authorization', `Bearer ${key}A`]);
      break;
    case 'zero-width':
      headers.push(['Authorization', `Bearer ${key.slice(0, 10)}\u200b${key.slice(10)}`]);
      break;
    case 'huge':
      headers.push(['Authorization', `Bearer ${key}${'A'.repeat(12_000)}`]);
      break;
    case 'cookie':
      headers.push(['Cookie', `key=${key}; tcs-console-${port}=${key}`]);
      break;
    case 'query':
      target += `${target.includes('?') ? '&' : '?'}key=${key}`;
      break;
    case 'none':
      break;
  }
  if (request.contentType.value !== null) headers.push(['Content-Type', request.contentType.value]);
  headers.push(...request.extra.value);

  let body: Buffer | undefined;
  let token: string | null = null;
  switch (request.body.kind) {
    case 'none':
      break;
    case 'json':
      body = Buffer.from(JSON.stringify(request.body.value));
      break;
    case 'text':
      body = Buffer.from(request.body.text);
      break;
    case 'bytes':
      body = request.body.bytes;
      break;
    case 'token': {
      const offered =
        request.body.token === 'fresh'
          ? (token = freshToken())
          : request.body.token === 'used'
            ? (usedTokens.at(-1) ?? 'x')
            : request.body.token === 'mangled'
              ? `${freshToken()}x`
              : request.body.token === 'number'
                ? 12345
                : request.body.token === 'array'
                  ? [freshToken()]
                  : undefined;
      body = Buffer.from(JSON.stringify(offered === undefined ? {} : { token: offered }));
      break;
    }
  }
  return { raw: { method: request.method, target, headers, body, chunked: request.chunked, abortMidBody: request.abort && body !== undefined && body.length > 1 }, keyHeld: authOk.has(request.auth), freshToken: token };
}

/** Fails the run with a line that says what was sent and what came back. */
function violation(request: HttpCase, what: string, result?: Exchange): never {
  const answer = result === undefined ? '' : result.answered ? ` (answered ${result.reply.status} ${result.reply.body.toString('utf8').slice(0, 200)})` : ` (${result.why})`;
  throw new Error(`seed ${seed}: ${describeCase(request)}: ${what}${answer}`);
}

/** Sends one case and checks everything the shell promises about it. */
async function send(request: HttpCase): Promise<void> {
  const { raw, keyHeld, freshToken: offeredToken } = materialise(request);
  const dispatchedBefore = dispatched.length;
  const handledBefore = handled.length;
  tally.requests += 1;
  const result = await exchange(port, raw);
  const reachedDispatch = dispatched.length - dispatchedBefore;
  const ran = handled.length - handledBefore;

  // Of repeated Host headers the first counts; a second Origin makes the header one the shell cannot read.
  const extraHost = request.extra.value.some(([name]) => name.toLowerCase() === 'host');
  const placeOk = request.host.ok && request.origin.ok && request.extra.ok && !(extraHost && request.host.value === null);
  const authorised = placeOk && keyHeld;
  // The shell may only hand a request to the dispatcher with its key, from its own place, as a JSON POST to an operation.
  const mayDispatch = authorised && request.method === 'POST' && request.target.route === 'rpc' && request.target.channel !== undefined && request.contentType.ok;
  if (reachedDispatch > 0 && !mayDispatch) {
    tally.handlersOnBadInput += reachedDispatch;
    violation(request, 'the request reached the dispatcher', result);
  }
  if (ran > 0) {
    const call = dispatched[dispatchedBefore]!;
    const taken = (contract[call.channel as Channel].args as z.ZodType).safeParse(call.args).success;
    if (!mayDispatch || !taken) {
      tally.handlersOnBadInput += ran;
      violation(request, 'a handler ran on input it must never see', result);
    }
    if (inheritsPollution(handled.at(-1)!.args)) violation(request, 'a handler received an object that inherits from a hostile prototype', result);
  }
  if (({} as Record<string, unknown>)[pollutionMark] !== undefined) violation(request, 'Object.prototype was polluted', result);

  if (raw.abortMidBody === true) return;
  if (!result.answered) {
    tally.crashes += 1;
    violation(request, 'no answer', result);
  }
  const { reply } = result;
  const text = reply.body.toString('utf8');
  if (reply.status >= 500) {
    tally.crashes += 1;
    violation(request, 'a server error instead of a clear refusal', result);
  }
  if (text.includes(secretMark) || /root:.*:0:0:/.test(text)) violation(request, 'served a file outside the built interface', result);

  if (reply.status >= 400) {
    if (reply.reason.trim() === '') violation(request, 'a refusal without a reason', result);
    if (reply.headers['content-type'] !== undefined && request.method !== 'HEAD' && text.trim().length < 5) violation(request, 'a refusal with no words in it', result);
    if (reachedDispatch > 0) violation(request, 'refused after reaching the dispatcher', result);
    return;
  }
  if (!placeOk) violation(request, 'answered a request whose Host or Origin is not this port', result);
  if (reply.status !== 200 && reply.status !== 204) violation(request, `an unexpected status ${reply.status}`, result);

  // What may succeed: an operation that reached the dispatcher, a fresh token's trade, the event stream with a key, or one of the interface's own files.
  if (reachedDispatch > 0) {
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      violation(request, 'an operation answered with something other than JSON', result);
    }
    const parsed = answer as { ok?: unknown; error?: unknown };
    if (parsed.ok !== false || !appErrorSchema.safeParse(parsed.error).success) violation(request, 'an operation answered with something other than a Result', result);
    if (ran === 0) {
      const error = parsed.error as { kind: string; message: string };
      if (error.kind !== 'validation' || error.message.trim().length < 10) violation(request, 'a refused operation without a clear validation error', result);
    }
    return;
  }
  if (request.target.route === 'connect') {
    if (request.method !== 'POST' || request.body.kind !== 'token' || request.body.token !== 'fresh') violation(request, 'traded something other than a fresh token for a key', result);
    const key = (JSON.parse(text) as { key?: unknown }).key;
    if (typeof key !== 'string' || key.length < 40) violation(request, 'a trade without a key', result);
    if (reply.headers['set-cookie'] !== undefined) violation(request, 'a key set as a cookie', result);
    rememberKey(key);
    // Only a token the shell took is used up; one it refused (from a foreign Origin, say) still works.
    if (offeredToken !== null) usedTokens.push(offeredToken);
    return;
  }
  if (request.target.route === 'events') {
    if (!authorised || request.method !== 'GET' || !reply.eventStream) violation(request, 'an event stream without the key', result);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') violation(request, `a ${request.method} answered as a file`, result);
  if (request.method === 'GET' && !Object.values(publicFiles).includes(text)) violation(request, 'served something that is not one of the interface’s files', result);
}

async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    failures += 1;
    throw error;
  }
}

describe('fuzzing the browser shell over HTTP', { timeout: testTimeout }, () => {
  it(`answers ${randomRuns} random requests with clear refusals, never serving a file outside its folder or running an operation without the key`, async () => {
    await guarded(async () => {
      await fc.assert(
        fc.asyncProperty(
          caseArb().map((request) => Object.assign(request, { [fc.toStringMethod]: () => describeCase(request) })),
          send,
        ),
        { seed, numRuns: randomRuns, endOnFailure: true },
      );
      // The barrage exercised the operations, not only the refusals in front of them.
      expect(dispatched.length, 'requests reached the dispatcher during the barrage').toBeGreaterThan(randomRuns / 10);
      expect(handled.length, 'valid operations reached their handlers during the barrage').toBeGreaterThan(randomRuns / 50);
      console.log(`browser shell fuzzing: ${tally.requests} requests, ${dispatched.length} dispatched, ${handled.length} handled (seed ${seed})`);
    });
  });

  it('answers the requests it once left unanswered or failed on', async () => {
    await guarded(async () => {
      const own: [string, string][] = [['Host', `127.0.0.1:${port}`]];
      const cases: { request: RawRequest; status: number }[] = [
        // A proxy tunnel: Node drops the connection unless someone answers.
        { request: { method: 'CONNECT', target: `127.0.0.1:${port}`, headers: own }, status: 405 },
        { request: { method: 'CONNECT', target: '/rpc/settings:get', headers: [...own, ['Authorization', `Bearer ${liveKeys.at(-1)!}`]] }, status: 405 },
        { request: { method: 'CONNECT', target: '/rpc/settings:get', headers: own, body: Buffer.alloc(3 * 1024 * 1024, 0x20) }, status: 405 },
        // An address URL cannot parse once joined to the origin: a 400, not an internal error.
        { request: { method: 'GET', target: '//[', headers: own }, status: 400 },
        { request: { method: 'POST', target: '//[', headers: [...own, ['Content-Type', 'application/json']], body: Buffer.from('{}') }, status: 400 },
        // A token trade too large to read says so, rather than that the address was used.
        { request: { method: 'POST', target: '/connect', headers: [...own, ['Content-Type', 'application/json']], body: Buffer.alloc(2 * 1024 * 1024, 0x20) }, status: 413 },
        // A WebSocket upgrade is answered as an ordinary request.
        { request: { method: 'GET', target: '/', headers: [...own, ['Connection', 'Upgrade'], ['Upgrade', 'websocket'], ['Sec-WebSocket-Version', '13'], ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ==']] }, status: 200 },
      ];
      for (const { request, status } of cases) {
        tally.requests += 1;
        const result = await exchange(port, request);
        if (!result.answered) tally.crashes += 1;
        expect(result.answered ? result.reply.status : result.why, `${request.method} ${request.target.slice(0, 40)}`).toBe(status);
        if (result.answered && status >= 400) expect(result.reply.body.toString('utf8').length).toBeGreaterThan(10);
      }
    });
  });

  it('closes after a CONNECT whose body nobody read, rather than waiting for it for ever', async () => {
    await guarded(async () => {
      const other = await startBrowserShell({ dispatch: createDispatcher(Object.fromEntries(channels.map((channel) => [channel, () => fail({ kind: 'internal', message: reachedMessage })])) as unknown as HandlerTable), rendererDir: join(base, 'renderer') });
      tally.requests += 1;
      const result = await exchange(other.port, { method: 'CONNECT', target: `127.0.0.1:${other.port}`, headers: [['Host', `127.0.0.1:${other.port}`]], body: Buffer.alloc(3 * 1024 * 1024, 0x20) });
      expect(result.answered && result.reply.status).toBe(405);
      // A generous bound: closing takes milliseconds; a connection it waits on keeps it open for ever.
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([other.close().then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 60_000)))]);
      clearTimeout(timer);
      expect(closed, 'the shell closed').toBe(true);
    });
  });

  it('keeps answering many requests at once, good and bad mixed', async () => {
    await guarded(async () => {
      const cases = fc.sample(caseArb(), { seed: seed + 1, numRuns: atSize(40, 600) }).filter((request) => !request.abort && request.body.kind !== 'token');
      for (let start = 0; start < cases.length; start += 10) {
        await Promise.all(
          cases.slice(start, start + 10).map(async (request) => {
            tally.requests += 1;
            const result = await exchange(port, materialise(request).raw);
            if (!result.answered || result.reply.status >= 500) {
              tally.crashes += 1;
              violation(request, 'no clear answer while others were being answered', result);
            }
            if (result.reply.body.toString('utf8').includes(secretMark)) violation(request, 'served a file outside the built interface', result);
          }),
        );
      }
    });
  });

  it('still serves the page, trades a token and runs an operation after the barrage', async () => {
    await guarded(async () => {
      const page = await exchange(port, { method: 'GET', target: '/', headers: [['Host', `127.0.0.1:${port}`]] });
      tally.requests += 1;
      expect(page.answered && page.reply.status === 200 && page.reply.body.toString('utf8') === publicFiles['index.html']).toBe(true);
      const key = await connectTab();
      tally.requests += 1;
      expect(key).not.toBeNull();
      for (const channel of channels) {
        const example = examplesOf(channel)[0];
        const before = handled.length;
        tally.requests += 1;
        const result = await exchange(port, {
          method: 'POST',
          target: `/rpc/${channel}`,
          headers: [
            ['Host', `127.0.0.1:${port}`],
            ['Origin', `http://127.0.0.1:${port}`],
            ['Authorization', `Bearer ${key}`],
            ['Content-Type', 'application/json'],
          ],
          ...(example === undefined ? {} : { body: Buffer.from(JSON.stringify(example)) }),
        });
        if (!result.answered) tally.crashes += 1;
        expect(result.answered && result.reply.status, `${channel} after the barrage`).toBe(200);
        expect(handled.length - before, `${channel} reached its handler after the barrage`).toBe(1);
        expect(handled.at(-1)!.channel).toBe(channel);
      }
    });
  });

  it('records its figures', () => {
    expect(tally.handlersOnBadInput).toBe(0);
    expect(tally.crashes).toBe(0);
  });
});
