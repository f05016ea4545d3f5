import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox';

/**
 * The built-in sandbox behind the Sandbox profile: started in this process on
 * 127.0.0.1 when first needed, its state kept in the user-data folder so that
 * practice survives a restart, and reset on request.
 */
export class SandboxRunner {
  readonly #folder: string;
  readonly #options: SandboxOptions;
  readonly #resetListeners: (() => Promise<void>)[] = [];
  #handle: Promise<SandboxHandle> | undefined;

  constructor(userDataDir: string, options: SandboxOptions = {}) {
    this.#folder = join(userDataDir, 'sandbox');
    this.#options = options;
  }

  get stateFile(): string {
    return join(this.#folder, 'state.json');
  }

  ensure(): Promise<SandboxHandle> {
    this.#handle ??= (async () => {
      await mkdir(this.#folder, { recursive: true, mode: 0o700 });
      return startSandbox({ certificates: 300, ...this.#options, stateFile: this.stateFile });
    })();
    this.#handle.catch(() => (this.#handle = undefined));
    return this.#handle;
  }

  get running(): boolean {
    return this.#handle !== undefined;
  }

  /**
   * A seeded admin's password while it is still the seed's (fake by design);
   * undefined once it was changed, as the sandbox then keeps only a hash.
   */
  async passwordOf(login: string): Promise<string | undefined> {
    return (await this.ensure()).seededPassword(login);
  }

  /** The seeded admins one can practise as, also those whose password was changed. */
  async logins(): Promise<{ login: string; description: string; practicePassword?: string }[]> {
    const handle = await this.ensure();
    // The seed's passwords are fake, fixed per seed and printed by the sandbox; one the user changed is not known here.
    return handle.practiceLogins.map(({ login, description }) => {
      const practicePassword = handle.seededPassword(login);
      return { login, description, ...(practicePassword === undefined ? {} : { practicePassword }) };
    });
  }

  /** Runs `listener` when the sandbox is reset, for what is kept about it elsewhere (passwords in the keychain). */
  onReset(listener: () => Promise<void>): void {
    this.#resetListeners.push(listener);
  }

  /** Throws away all practice and starts the sandbox afresh from its seed. */
  async reset(): Promise<SandboxHandle> {
    await this.stop();
    for (const listener of this.#resetListeners) await listener();
    await rm(this.stateFile, { force: true });
    return this.ensure();
  }

  async stop(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle !== undefined) await (await handle.catch(() => undefined))?.stop();
  }
}
