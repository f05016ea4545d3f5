/** The Electron binary's path, or why there is none. */
export function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): { path: string } | { missing: string };
