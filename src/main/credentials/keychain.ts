import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import { accountName, checkKey, checkValue, CredentialStoreError, parseAccount, type CredentialStore, type SecretKind } from './store';

export const defaultServiceName = 'TCS Admin Console';

/** On Linux only the Secret Service: never the kernel keyring, which does not survive a reboot. */
const entryOptions: EntryOptions = { linux: { store: 'secret-service' } };

export interface KeychainOptions {
  service?: string;
  /** A keychain that does not answer within this time is treated as locked or absent. */
  timeoutMs?: number;
  /** Calls in flight at once; more wait their turn. Each opens its own connection to the keychain. */
  concurrency?: number;
}

/**
 * Lets a few tasks run at once and queues the rest, in order. A thousand
 * keychain calls at once would open a thousand D-Bus connections and stall
 * the Secret Service, and the app with it.
 */
class Limiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running += 1;
    try {
      return await task();
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }
}

function explain(error: unknown, timedOut: boolean): CredentialStoreError {
  if (timedOut) {
    return new CredentialStoreError(
      'locked',
      'The keychain did not answer in time. It may be locked and waiting for its password: unlock it (on Linux, the login keyring) and try again.',
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/locked|prompt|dismissed/i.test(text)) {
    return new CredentialStoreError('locked', 'The keychain is locked. Unlock it (on Linux, the login keyring) and try again.');
  }
  if (/no such|not (found|available|supported)|dbus|secret service|platform|connection|session bus/i.test(text)) {
    return new CredentialStoreError('unavailable', 'No keychain is reachable. On Linux the console needs a Secret Service, such as GNOME Keyring or KWallet, in the desktop session.');
  }
  return new CredentialStoreError('failed', 'The keychain refused the request.');
}

/**
 * The operating system's keychain through @napi-rs/keyring: Keychain on macOS,
 * Credential Manager on Windows, the Secret Service on Linux. One service name
 * for the app, one account per profile and kind of secret. Every call ends
 * within a timeout, so a locked keyring waiting for a prompt never hangs the app.
 */
export class KeychainCredentialStore implements CredentialStore {
  readonly kind = 'keychain';
  readonly service: string;
  readonly #timeoutMs: number;
  readonly #limiter: Limiter;

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? defaultServiceName;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#limiter = new Limiter(Math.max(1, options.concurrency ?? 2));
  }

  /** Waits for a turn, then gives the keychain `timeoutMs` to answer. */
  #run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.#limiter.run(() => this.#once(work));
  }

  async #once<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        reject(new Error('timeout'));
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([work(controller.signal), deadline]);
    } catch (error) {
      throw explain(error, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  #entry(profileId: string, secret: SecretKind): AsyncEntry {
    return new AsyncEntry(this.service, accountName(profileId, secret), entryOptions);
  }

  async get(profileId: string, secret: SecretKind): Promise<string | undefined> {
    checkKey(profileId, secret);
    const value = await this.#run((signal) => this.#entry(profileId, secret).getPassword(signal));
    return value ?? undefined;
  }

  async set(profileId: string, secret: SecretKind, value: string): Promise<void> {
    checkKey(profileId, secret);
    checkValue(value);
    await this.#run((signal) => this.#entry(profileId, secret).setPassword(value, signal));
  }

  async delete(profileId: string, secret: SecretKind): Promise<void> {
    checkKey(profileId, secret);
    await this.#run((signal) => this.#entry(profileId, secret).deleteCredential(signal));
  }

  async list(): Promise<{ profileId: string; secret: SecretKind }[]> {
    const found = await this.#run((signal) => findCredentialsAsync(this.service, null, signal));
    return found.flatMap((credential) => parseAccount(credential.account) ?? []);
  }
}

/**
 * Whether a keychain answers here: a write, read and delete of a throw-away
 * entry. Without one the app keeps secrets for the session only.
 */
export async function probeKeychain(options: KeychainOptions = {}): Promise<{ usable: true } | { usable: false; reason: string }> {
  if (process.platform === 'linux' && (process.env.DBUS_SESSION_BUS_ADDRESS ?? '') === '') {
    return { usable: false, reason: 'there is no desktop session bus, so no Secret Service' };
  }
  // Generous: a keychain slow to answer on a busy machine must not leave the console keeping secrets in memory only.
  const store = new KeychainCredentialStore({ ...options, service: `${options.service ?? defaultServiceName} (probe)`, timeoutMs: options.timeoutMs ?? 10_000 });
  try {
    await store.set('probe', 'password', 'probe');
    const back = await store.get('probe', 'password');
    await store.delete('probe', 'password');
    return back === 'probe' ? { usable: true } : { usable: false, reason: 'the keychain did not give back what was stored' };
  } catch (error) {
    return { usable: false, reason: error instanceof CredentialStoreError ? error.message.replace(/\.$/, '').toLowerCase() : 'the keychain failed' };
  }
}
