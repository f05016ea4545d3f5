/** How long a secret stays in memory after its last use, while work goes on. */
export const secretIdleMs = 60_000;

/**
 * A secret read once from the keychain and kept in memory while requests
 * keep needing it: a job of thousands of requests must not ask the keychain
 * thousands of times (slow, and a Secret Service can stop answering), yet the
 * secret should not outlive the work. After `idleMs` without use it is
 * dropped and read again next time; a failed read is never kept.
 */
export function keptWhileInUse(read: () => Promise<string>, idleMs = secretIdleMs): () => Promise<string> {
  let value: Promise<string> | undefined;
  let timer: NodeJS.Timeout | undefined;
  return () => {
    value ??= read();
    const current = value;
    current.catch(() => {
      if (value === current) value = undefined;
    });
    clearTimeout(timer);
    timer = setTimeout(() => (value = undefined), idleMs);
    timer.unref();
    return current;
  };
}
