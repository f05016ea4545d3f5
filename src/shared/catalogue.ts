/**
 * The shape every language must fill: the same keys as the English catalogue,
 * each with a string. A missing or extra key in another language is a type
 * error, so the type check fails before anything is built.
 */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

/** Every key of a catalogue down to its strings, `a.b.c` style. */
export type CatalogueKey<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${CatalogueKey<T[K]>}`;
}[keyof T & string];

/** The string at `key`, or undefined when the catalogue has none there. */
export function lookUp(catalogue: object, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Puts values into a template's `{{name}}` places, as the interface's i18n does; an unknown name stays as written. */
export function fillIn(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
