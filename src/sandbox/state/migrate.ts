import { hashPassword } from '../passwords';
import { seededAdmins } from '../seed';
import type { Admin } from './model';
import type { SandboxData } from './store';

/** An admin as the first state file format kept it: passwords in clear. */
type AdminVersion1 = Omit<Admin, 'passwordHash' | 'previousPasswordHash' | 'seededPassword'> & {
  password: string | null;
  previousPassword: string | null;
};

/** The first state file format. */
export type SandboxDataVersion1 = Omit<SandboxData, 'version' | 'admins'> & {
  version: 1;
  admins: AdminVersion1[];
};

/**
 * Brings a state file of the first format up to date: every password is
 * hashed, and kept in clear only where it is still the seed's own password for
 * that login (which the command line prints anyway). The caller writes the
 * result back, so the clear passwords leave the file.
 */
export async function migrateFromVersion1(data: SandboxDataVersion1): Promise<SandboxData> {
  const seeded = new Map(seededAdmins(data.seed).map((entry) => [entry.login, entry.password]));
  const hash = (password: string | null) => (password === null ? Promise.resolve(null) : hashPassword(password));
  const admins = await Promise.all(
    data.admins.map(async ({ password, previousPassword, ...admin }): Promise<Admin> => ({
      ...admin,
      passwordHash: await hash(password),
      previousPasswordHash: await hash(previousPassword),
      seededPassword: password !== null && admin.login !== null && seeded.get(admin.login) === password ? password : null,
    })),
  );
  return { ...data, version: 2, admins };
}
