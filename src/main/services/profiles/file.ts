import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { sandboxProfileId, storedProfileSchema, type StoredProfile } from '../../../shared/profiles';
import { JsonDocument } from '../../storage';
import type { Notices } from '../notices';

export const profilesFileName = 'profiles.json';

const fileSchema = z.object({
  version: z.literal(1),
  /**
   * Names this folder's entries in the keychain, which every folder of profiles
   * shares: a second user-data folder (or a test) never sees, or cleans up,
   * another's secrets. Made when the file is first written.
   */
  keychainScope: z.string().regex(/^[a-f0-9]{12}$/).optional(),
  activeId: z.string().nullable(),
  profiles: z.array(storedProfileSchema),
});
export type ProfilesFile = z.infer<typeof fileSchema>;

export function sandboxProfile(now: string): StoredProfile {
  return {
    id: sandboxProfileId,
    kind: 'sandbox',
    name: 'Sandbox',
    host: 'built-in',
    customerUri: 'sandbox-university',
    login: 'rao',
    authKind: 'password',
    created: now,
    updated: now,
  };
}

/**
 * `profiles.json`: the connection profiles and which is active, never a
 * secret. However it was found (missing, unreadable, from an older version),
 * it is made whole on loading: a keychain scope, the Sandbox profile, an
 * active profile that exists.
 */
export function openProfilesFile(userDataDir: string, notices: Notices, stamp: () => string): JsonDocument<ProfilesFile> {
  return new JsonDocument<ProfilesFile>({
    path: join(userDataDir, profilesFileName),
    schema: fileSchema,
    initial: () => ({ version: 1, activeId: sandboxProfileId, profiles: [] }),
    onUnreadable: ({ keptAs, reason }) =>
      notices.add(`Your connection profiles could not be read because ${reason}. The file was kept as ${keptAs}; only the Sandbox profile is set up.`, 'profilesUnreadable', { keptAs }),
    repair: (file) => {
      let changed = false;
      if (file.keychainScope === undefined) {
        file.keychainScope = randomBytes(6).toString('hex');
        changed = true;
      }
      if (!file.profiles.some((profile) => profile.kind === 'sandbox')) file.profiles.unshift(sandboxProfile(stamp()));
      if (file.activeId !== null && !file.profiles.some((profile) => profile.id === file.activeId)) file.activeId = sandboxProfileId;
      return changed;
    },
  });
}

/** The other profiles' names in lower case, for the check that a name is free. */
export function namesBut(file: ProfilesFile, exceptId?: string): Set<string> {
  return new Set(file.profiles.filter((profile) => profile.id !== exceptId).map((profile) => profile.name.toLowerCase()));
}
