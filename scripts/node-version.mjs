// Which Node.js releases the console runs on, as package.json's `engines`
// says: 22.12 or later, and 20.19 or later of the 20 line, which still builds
// and tests it but has reached its end of life.

/**
 * Whether `version` (as `process.versions.node`) may run the console, with a
 * sentence for the person at the terminal when it may not or should not.
 * @param {string} version
 * @returns {{ ok: boolean, message: string | null }}
 */
export function nodeSupport(version) {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const needs = `TCS Admin Console needs Node.js 22.12 or later (22, 24 and 26 are supported); this is Node.js ${version}. Install a current LTS release from https://nodejs.org and run the command again.`;
  if (major >= 23 || (major === 22 && minor >= 12)) return { ok: true, message: null };
  if (major === 20 && minor >= 19) {
    return { ok: true, message: `Node.js ${version} still runs the console, but Node.js 20 reached its end of life in April 2026: move to 22, 24 or 26.` };
  }
  return { ok: false, message: needs };
}
