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

  /** The current password of a sandbox admin: the sandbox's own, fake by design. */
  async passwordOf(login: string): Promise<string | undefined> {
    const handle = await this.ensure();
    return handle.store.adminByLogin(login)?.password ?? undefined;
  }

  /** The seeded admins one can practise as. */
  async logins(): Promise<{ login: string; description: string }[]> {
    return (await this.ensure()).logins.map(({ login, description }) => ({ login, description }));
  }

  /** Throws away all practice and starts the sandbox afresh from its seed. */
  async reset(): Promise<SandboxHandle> {
    await this.stop();
    await rm(this.stateFile, { force: true });
    return this.ensure();
  }

  async stop(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle !== undefined) await (await handle.catch(() => undefined))?.stop();
  }
}
