export function nodeSupport(version: string): { ok: boolean; message: string | null };
