import { randomBytes } from 'node:crypto';
import { profileExportSchema, type ProfileExport, type StoredProfile } from '../../../shared/profiles';
import { namesBut, type ProfilesFile } from './file';
import { ProfileError, validateProfile } from './validation';

type ExportedProfile = ProfileExport['profiles'][number];

/** The profiles as a file for a colleague: no ids, no dates, no secrets, no Sandbox. */
export function exportText(profiles: readonly StoredProfile[], ids?: readonly string[]): string {
  const chosen = profiles.filter((profile) => profile.kind === 'scm' && (ids === undefined || ids.includes(profile.id)));
  const document: ProfileExport = {
    format: 'tcs-admin-console-profiles',
    version: 1,
    profiles: chosen.map((profile) => ({
      name: profile.name,
      host: profile.host,
      customerUri: profile.customerUri,
      login: profile.login,
      authKind: profile.authKind,
      ...(profile.clientId === undefined ? {} : { clientId: profile.clientId }),
      ...(profile.tokenUrl === undefined ? {} : { tokenUrl: profile.tokenUrl }),
      ...(profile.certificate === undefined ? {} : { certificate: profile.certificate }),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The entries of an exported file, refused whole if it is not one or if it carries a secret. */
export function parseExport(text: string): ExportedProfile[] {
  if (text.length > 1024 * 1024) throw new ProfileError('The file is too large to be a profiles file.');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ProfileError('The file is not JSON. Choose a file exported from the console’s profiles.');
  }
  const parsed = profileExportSchema.safeParse(data);
  if (!parsed.success) throw new ProfileError('The file is not a profiles file exported from the console.');
  // Checked on the raw entries: parsing drops unknown fields, and a secret must not pass unnoticed.
  const secretish = /password|secret|private|key/i;
  for (const entry of (data as { profiles: unknown[] }).profiles) {
    if (typeof entry === 'object' && entry !== null && Object.keys(entry).some((key) => secretish.test(key))) {
      throw new ProfileError('The file contains secrets; the console does not import them. Export the profiles again from the console.');
    }
  }
  return parsed.data.profiles;
}

/**
 * Adds exported entries to the file, each validated as if typed in the form;
 * a name that exists already gets a number. One invalid entry refuses them all.
 */
export function addImported(file: ProfilesFile, entries: readonly ExportedProfile[], stamp: string): { added: string[]; renamed: { from: string; to: string }[] } {
  const added: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  const names = namesBut(file);
  // The next number to try per name, so many repeats of one name cost no more than distinct ones.
  const nextNumber = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    let name = entry.name.normalize('NFC').trim();
    if (names.has(name.toLowerCase())) {
      const base = name;
      let n = nextNumber.get(base.toLowerCase()) ?? 2;
      while (names.has(`${base} (${n})`.toLowerCase())) n++;
      nextNumber.set(base.toLowerCase(), n + 1);
      name = `${base} (${n})`;
      renamed.push({ from: base, to: name });
    }
    let fields;
    try {
      fields = validateProfile({ ...entry, name }, names);
    } catch (error) {
      throw new ProfileError(`Profile ${index + 1} (“${entry.name.slice(0, 80)}”) was not imported: ${(error as ProfileError).fields.map((problem) => `${problem.field}: ${problem.message}`).join(' ') || (error as Error).message}`);
    }
    names.add(fields.name.toLowerCase());
    file.profiles.push({ id: randomBytes(8).toString('hex'), kind: 'scm', ...fields, created: stamp, updated: stamp });
    added.push(fields.name);
  }
  return { added, renamed };
}
