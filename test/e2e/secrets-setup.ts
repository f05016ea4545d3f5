import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsRunVariable } from '../support/secretsScan';

/**
 * Makes the folder the run's secrets scan reads (see secrets-teardown.ts), in
 * the system's temporary folder, readable by this user only. The workers find
 * it through the environment they inherit.
 */
export default async function secretsSetup(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'tcs-e2e-secrets-'));
  await chmod(folder, 0o700);
  process.env[secretsRunVariable] = folder;
}
