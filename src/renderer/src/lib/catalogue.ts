/**
 * The shape every language must fill: the same keys as the English catalogue,
 * each with a string. A missing or extra key in another language is a type
 * error, so the type check fails before anything is built.
 */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
