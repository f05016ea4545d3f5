import type { Api } from '../../../shared/contract';
import { channels, methodName } from '../../../shared/contract/channels';
import { kindAnchor } from '../../../shared/errorKinds';
import type { AppError, Result } from '../../../shared/result';

/** Where this tab keeps its key: session storage is per tab and per origin, port included. */
const keyName = 'tcs-console-tab-key';

const notConnected: AppError = {
  kind: 'auth',
  key: 'shell.notConnected',
  message: 'This tab is not connected to the console. Each address the console prints works once, and this one was used already, has expired, or the console was restarted.',
  hint: 'Press Enter in the terminal where the console runs to print a new address, and open that.',
  anchor: 'start-here#browser-shell',
};

const unreachable: AppError = {
  kind: 'network',
  key: 'shell.unreachable',
  message: 'The console’s server could not be reached.',
  hint: 'Check that the console (`npm run web` or `npm start`) is still running in its terminal, then reload the page.',
  anchor: kindAnchor('network'),
};

let connection: Promise<Result<string>> | undefined;

/**
 * Connects this tab to the browser shell once: the one-time token in the
 * address is traded for a key of the tab's own and removed from the address
 * bar and history at once. A reload finds the key in session storage.
 */
export function connectToShell(): Promise<Result<string>> {
  connection ??= (async (): Promise<Result<string>> => {
    const kept = sessionStorage.getItem(keyName);
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (token !== null) {
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    }
    if (token === null) return kept === null ? { ok: false, error: notConnected } : { ok: true, value: kept };
    let response: Response;
    try {
      response = await fetch('/connect', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    } catch {
      return { ok: false, error: unreachable };
    }
    // A used address opened again in a tab that is connected already still works.
    if (!response.ok) return kept === null ? { ok: false, error: notConnected } : { ok: true, value: kept };
    const { key } = (await response.json()) as { key: string };
    sessionStorage.setItem(keyName, key);
    return { ok: true, value: key };
  })();
  return connection;
}

/** The browser shell's `window.api`: the same functions, carried over HTTP to the same handlers. */
export function createHttpApi(): Api {
  const entries = channels.map((channel) => [
    methodName(channel),
    (args?: unknown) => callOverHttp(channel, args),
  ]);
  return Object.fromEntries(entries) as Api;
}

/**
 * One operation over HTTP. A `signal` stops waiting for the answer and frees
 * the connection: a browser opens only six at a time to one server, so
 * requests left waiting for a tenant that does not answer would otherwise hold
 * up every other request of the page, a sign-in to another profile included.
 */
export async function callOverHttp(channel: string, args: unknown, signal?: AbortSignal): Promise<Result<unknown>> {
  const connected = await connectToShell();
  if (!connected.ok) return connected;
  let response: Response;
  try {
    response = await fetch(`/rpc/${channel}`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${connected.value}` },
      body: args === undefined ? '' : JSON.stringify(args),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    // Stopped on purpose: whoever stopped it wants no answer.
    if (signal?.aborted === true) throw error;
    return { ok: false, error: unreachable };
  }
  if (response.status === 401) {
    sessionStorage.removeItem(keyName);
    return { ok: false, error: notConnected };
  }
  if (!response.ok) {
    return {
      ok: false,
      error: {
        kind: 'internal',
        key: 'shell.refused',
        params: { status: response.status },
        message: `The console’s server refused the request (HTTP ${response.status}).`,
        hint: 'Reload the page. If it keeps happening, restart the console.',
        anchor: kindAnchor('internal'),
      },
    };
  }
  return (await response.json()) as Result<unknown>;
}
