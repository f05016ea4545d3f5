/**
 * A value made the first time it is asked for, not when its module loads. The
 * pages' search schemas are made so: zod builds every part of a schema as it
 * is declared, and the router, which names each page's search, comes with the
 * console's first script, while a page's search is read only when it opens.
 */
export function lazily<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
