import type { AppError } from '../../../shared/result';

/**
 * The browser shell's page for a tab that has no key: the address was used or
 * expired, or the console restarted. It says how to get a working address.
 */
export function NotConnected({ error }: { error: AppError }) {
  return (
    <main id="main" className="not-connected" aria-labelledby="not-connected-title">
      <h1 id="not-connected-title">Not connected to the console</h1>
      <p>{error.message}</p>
      {error.hint === undefined ? null : <p>{error.hint}</p>}
      <p className="field-hint">
        The console gives each address to one tab only, so that no other program on this computer can use it.
      </p>
    </main>
  );
}
