import type { Api } from '../../../shared/contract';
import { channels, methodName } from '../../../shared/contract/channels';
import { kindAnchor, type Result } from '../../../shared/result';

/**
 * The browser shell's `window.api`: the same functions, carried over HTTP to the
 * same handlers. The access token travels in an HttpOnly cookie this code never sees.
 */
export function createHttpApi(): Api {
  const entries = channels.map((channel) => [
    methodName(channel),
    (args?: unknown) => call(channel, args),
  ]);
  return Object.fromEntries(entries) as Api;
}

async function call(channel: string, args: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/rpc/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: args === undefined ? '' : JSON.stringify(args),
    });
  } catch {
    return {
      ok: false,
      error: {
        kind: 'network',
        message: 'The console’s server could not be reached.',
        hint: 'Check that `npm run web` is still running, then reload the page.',
        anchor: kindAnchor('network'),
      },
    };
  }
  if (response.status === 401) {
    return {
      ok: false,
      error: {
        kind: 'auth',
        message: 'This page is no longer signed in to the console’s server (it was restarted, or the address lacked its token).',
        hint: 'Open the address that `npm run web` printed, with its token, again.',
        anchor: kindAnchor('auth'),
      },
    };
  }
  if (!response.ok) {
    return {
      ok: false,
      error: {
        kind: 'internal',
        message: `The console’s server refused the request (HTTP ${response.status}).`,
        hint: 'Reload the page. If it keeps happening, restart `npm run web`.',
        anchor: kindAnchor('internal'),
      },
    };
  }
  return (await response.json()) as Result<unknown>;
}
