import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Arguments for the contract's channels, derived from their zod schemas: valid
 * examples to start from, and the ways to spoil one (a wrong type, a missing
 * or unknown field, a value past a bound, a hostile value anywhere), each
 * saying whether the schema must refuse it.
 */

/** Put into every generated string value; an answer that contains it has echoed a value sent. */
export const valueCanary = 'v4lue-canary';
/** What a hostile object tries to put on a prototype; no object the console holds may inherit it. */
export const pollutionMark = 'polluted-by-fuzz';

interface LooseDef {
  type: string;
  [key: string]: unknown;
}

interface CheckDef {
  check: string;
  [key: string]: unknown;
}

export function defOf(schema: z.ZodType): LooseDef {
  return schema._zod.def as unknown as LooseDef;
}

function checksOf(schema: z.ZodType): CheckDef[] {
  const def = defOf(schema);
  const checks = ((def.checks ?? []) as { _zod: { def: CheckDef } }[]).map((check) => check._zod.def);
  // A format schema (z.iso.datetime(), z.email()) is itself its check.
  if (typeof def.check === 'string') checks.unshift(def as unknown as CheckDef);
  return checks;
}

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

/** Characters a person cannot see, or that turn text around; a schema with a pattern must refuse them. */
export const invisibleCharacters = [
  '\u200b', // zero-width space
  '\u200c', // zero-width non-joiner
  '\u200d', // zero-width joiner
  '\u200e', // left-to-right mark
  '\u202e', // right-to-left override
  '\u2066', // left-to-right isolate
  '\u2060', // word joiner
  '\ufeff', // byte-order mark
  '\u00ad', // soft hyphen
  '\u3164', // Hangul filler
  '\u0000',
  '\u001b',
  '\u{e0041}', // tag letter A
  '\ud800', // a lone surrogate
] as const;

const homoglyphs: Readonly<Record<string, string>> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441', p: '\u0440', i: '\u0456', '0': '\u0660', '1': '\uff11', '-': '\u2010' };

/** Keys that mean something to JavaScript objects, and near-copies of real ones. */
export const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'] as const;

/** An object with `key` as an own property, as JSON.parse and structured cloning deliver it (never a prototype). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

function pollutingValue(): unknown {
  return JSON.parse(`{"${pollutionMark}":true,"__proto__":{"${pollutionMark}":true},"constructor":{"prototype":{"${pollutionMark}":true}}}`);
}

function nested(depth: number, shape: 'array' | 'object' | 'proto'): unknown {
  let value: unknown = `${valueCanary}-deep`;
  for (let level = 0; level < depth; level += 1) {
    if (shape === 'array') value = [value];
    else if (shape === 'object') value = { a: value };
    else value = withOwn({}, '__proto__', value);
  }
  return value;
}

function hugeString(length: number, filler = 'x'): string {
  return `${valueCanary}${filler.repeat(Math.max(0, length - valueCanary.length))}`;
}

const strangeStrings = fc.constantFrom(
  '',
  ' ',
  `${valueCanary}`,
  `${valueCanary}\u0000`,
  `${valueCanary}\u202e`,
  `${valueCanary}\ud800`,
  `${valueCanary}<script>alert(1)</script>`,
  `${valueCanary}' OR '1'='1`,
  `${valueCanary}../../../../etc/passwd`,
  `${valueCanary}%00%2e%2e`,
  `{"${valueCanary}":1}`,
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'true',
  '0',
  'NaN',
);

/**
 * Values no request should carry, of every type structured cloning (Electron's IPC)
 * can deliver: huge, deeply nested, prototype-laden, invisible, cyclic, and the
 * types JSON cannot even say. `maxDepth` is the nesting the transport carries.
 */
export function hostileValue(maxDepth: number): fc.Arbitrary<unknown> {
  const depth = fc.constantFrom(2, 50, 500, maxDepth);
  return fc.oneof(
    fc.constantFrom<unknown>(null, undefined, true, false, 0, -0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53 + 2, -(2 ** 63)),
    strangeStrings,
    fc.constantFrom(...invisibleCharacters).map((character) => `${valueCanary}${character}`),
    fc.constantFrom(17_000, 70_000, 1_100_000).map((length) => hugeString(length)),
    fc.string({ maxLength: 40 }).map((text) => `${valueCanary}${text}`),
    fc.jsonValue({ maxDepth: 3 }),
    fc.tuple(depth, fc.constantFrom<'array' | 'object' | 'proto'>('array', 'object', 'proto')).map(([levels, shape]) => nested(levels, shape)),
    fc.constant(null).map(() => pollutingValue()),
    fc.constantFrom(...prototypeKeys).map((key) => withOwn({}, key, { [pollutionMark]: true })),
    fc.constantFrom(1_000, 100_000).map((count) => Array.from({ length: count }, (_, index) => index)),
    fc.constantFrom(1_000, 20_000).map((count) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]))),
    fc.constantFrom<() => unknown>(
      () => new Date(0),
      () => new Date(Number.NaN),
      () => new Map([['id', 1]]),
      () => new Set(['x']),
      () => /x/g,
      () => new Uint8Array(16),
      () => new ArrayBuffer(8),
      () => 10n ** 30n,
      () => new Error(valueCanary),
      () => Object.create(null) as unknown,
      () => {
        const cyclic: Record<string, unknown> = { a: 1 };
        cyclic.self = cyclic;
        return cyclic;
      },
      () => [undefined, null, , 1], // eslint-disable-line no-sparse-arrays -- a hole, which structured cloning keeps
    ).map((make) => make()),
  );
}

/** Keys for a field no schema lists: prototype names, near-copies of real names, huge and invisible ones. */
export function unknownKey(known: readonly string[]): fc.Arbitrary<string> {
  const nearCopies = known.length === 0 ? fc.constant('x') : fc.tuple(fc.constantFrom(...known), fc.constantFrom(...invisibleCharacters, ' ', '.', '[0]')).map(([key, suffix]) => `${key}${suffix}`);
  return fc
    .oneof(
      fc.constantFrom(...prototypeKeys),
      nearCopies,
      known.length === 0 ? fc.constant('ID') : fc.constantFrom(...known).map((key) => key.toUpperCase()),
      fc.constantFrom('', ' ', 'a.b', '0', '-1', 'password', 'secret', 'admin', 'isAdmin', 'role'),
      fc.constantFrom(65, 300, 100_000).map((length) => 'k'.repeat(length)),
      fc.constantFrom(...invisibleCharacters),
      fc.string({ minLength: 1, maxLength: 12 }),
    )
    .filter((key) => !known.includes(key));
}

/* ------------------------------------------------------------------------ */
/* Valid examples                                                            */
/* ------------------------------------------------------------------------ */

const alphanumeric = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

function stringArb(schema: z.ZodType): fc.Arbitrary<string> {
  const checks = checksOf(schema);
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const check of checks) {
    if (check.check === 'min_length') min = Math.max(min, Number(check.minimum));
    if (check.check === 'max_length') max = Math.min(max, Number(check.maximum));
    if (check.check === 'length_equals') min = max = Number(check.length);
  }
  const format = checks.find((check) => check.check === 'string_format');
  if (format !== undefined) {
    if (format.format === 'datetime') return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
    if (format.format === 'date') return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    if (format.format === 'email') return fc.emailAddress();
    if (format.format === 'url') return fc.webUrl();
    if (format.format === 'uuid' || format.format === 'guid') return fc.uuid();
    if (format.pattern instanceof RegExp) return fc.stringMatching(format.pattern, { size: 'xsmall' }).map((text) => (text.length > max ? text.slice(0, max) : text));
  }
  const upper = Math.min(max, min + 16);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...alphanumeric), minLength: min, maxLength: upper }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: upper }) },
  );
}

function numberArb(schema: z.ZodType): fc.Arbitrary<number> {
  let integer = false;
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  let minExcluded = false;
  let maxExcluded = false;
  for (const check of checksOf(schema)) {
    if (check.check === 'number_format' && /int/.test(String(check.format))) integer = true;
    if (check.check === 'greater_than') {
      min = Number(check.value);
      minExcluded = check.inclusive !== true;
    }
    if (check.check === 'less_than') {
      max = Number(check.value);
      maxExcluded = check.inclusive !== true;
    }
  }
  if (integer) {
    const low = Number.isFinite(min) ? (minExcluded ? Math.floor(min) + 1 : Math.ceil(min)) : -1000;
    const high = Number.isFinite(max) ? (maxExcluded ? Math.ceil(max) - 1 : Math.floor(max)) : Math.max(low, 0) + 100_000;
    return fc.oneof(fc.integer({ min: low, max: Math.min(high, low + 1000) }), fc.integer({ min: low, max: high }));
  }
  return fc.double({
    min: Number.isFinite(min) ? min : -1e9,
    max: Number.isFinite(max) ? max : 1e9,
    minExcluded,
    maxExcluded,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** Values of a schema's shape; most, not all, pass it (refinements across fields are not known here). */
export function exampleArb(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (key: string): z.ZodType => def[key] as z.ZodType;
  switch (def.type) {
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringArb(schema);
    case 'number':
      return numberArb(schema);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(exampleArb(inner('innerType'), depth), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(exampleArb(inner('innerType'), depth), { nil: null, freq: 3 });
    case 'readonly':
    case 'catch':
      return exampleArb(inner('innerType'), depth);
    case 'pipe':
      return exampleArb(inner('in'), depth);
    case 'lazy':
      return depth > 4 ? fc.constant(undefined) : exampleArb((def.getter as () => z.ZodType)(), depth + 1);
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((option) => exampleArb(option, depth)));
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((item) => exampleArb(item, depth)));
    case 'array': {
      let min = 0;
      let max = 4;
      for (const check of checksOf(schema)) {
        if (check.check === 'min_length') min = Number(check.minimum);
        if (check.check === 'max_length') max = Math.min(Number(check.maximum), Math.max(min, 4));
        if (check.check === 'length_equals') min = max = Number(check.length);
      }
      return fc.uniqueArray(exampleArb(inner('element'), depth + 1), { minLength: min, maxLength: Math.max(min, max), selector: (value) => JSON.stringify(value) });
    }
    case 'record':
      return fc.dictionary(exampleArb(inner('keyType'), depth + 1) as fc.Arbitrary<string>, exampleArb(inner('valueType'), depth + 1), { maxKeys: 4, noNullPrototype: true });
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const keys = Object.keys(shape);
      const requiredKeys = keys.filter((key) => !accepts(shape[key]!, undefined));
      return fc.record(Object.fromEntries(keys.map((key) => [key, exampleArb(shape[key]!, depth + 1)])), { requiredKeys });
    }
    default:
      throw new Error(`The fuzzer cannot build an example of a zod "${def.type}" yet; teach exampleArb about it.`);
  }
}

/** Up to `count` distinct values the schema accepts, found among generated ones; the same ones for the same seed. */
export function validExamples(schema: z.ZodType, count: number, seed: number): unknown[] {
  const found = new Map<string, unknown>();
  for (const candidate of fc.sample(exampleArb(schema), { seed, numRuns: 600 })) {
    if (!accepts(schema, candidate)) continue;
    const key = JSON.stringify(candidate) ?? 'undefined';
    if (!found.has(key)) found.set(key, candidate);
    if (found.size >= count) break;
  }
  return [...found.values()];
}

/* ------------------------------------------------------------------------ */
/* Spoiling an example                                                        */
/* ------------------------------------------------------------------------ */

type Path = readonly (string | number)[];

/** A place in an example: the schema that governs it and what is there now. */
interface Position {
  path: Path;
  /** The schema at this place, with its optional/nullable wrapper. */
  schema: z.ZodType;
  /** The schema without wrappers, which says what kind of value belongs here. */
  core: z.ZodType;
  value: unknown;
  present: boolean;
  /** Under a union, another branch may take a spoiled value. */
  underUnion: boolean;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type)) current = def.innerType as z.ZodType;
    else if (def.type === 'pipe') current = def.in as z.ZodType;
    else if (def.type === 'lazy') current = (def.getter as () => z.ZodType)();
    else return current;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place in `value` that `schema` governs, the root included. */
export function positionsOf(schema: z.ZodType, value: unknown): Position[] {
  const found: Position[] = [];
  const visit = (current: z.ZodType, at: unknown, path: Path, present: boolean, underUnion: boolean): void => {
    const core = unwrap(current);
    found.push({ path, schema: current, core, value: at, present, underUnion });
    if (present) descend(core, at, path, underUnion);
  };
  const descend = (core: z.ZodType, at: unknown, path: Path, underUnion: boolean): void => {
    if (found.length > 400) return;
    const def = defOf(core);
    if (def.type === 'object' && isPlainObject(at)) {
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) visit(field, at[key], [...path, key], Object.hasOwn(at, key), underUnion);
    } else if (def.type === 'array' && Array.isArray(at)) {
      at.forEach((item, index) => visit(def.element as z.ZodType, item, [...path, index], true, underUnion));
    } else if (def.type === 'record' && isPlainObject(at)) {
      for (const key of Object.keys(at)) visit(def.valueType as z.ZodType, at[key], [...path, key], true, underUnion);
    } else if (def.type === 'union') {
      // Into the branch that took the value; another branch may take a spoiled one.
      const branch = (def.options as z.ZodType[]).find((option) => accepts(option, at));
      if (branch !== undefined) descend(unwrap(branch), at, path, true);
    }
  };
  visit(schema, value, [], true, false);
  return found;
}

/** A deep copy that keeps own `__proto__` keys as keys, and shares nothing with the original. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isPlainObject(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) withOwn(out, key, copy(value[key]));
    return out;
  }
  return value;
}

/** `root` with the value at `path` changed by `change` (which gets the parent and the key). */
function edit(root: unknown, path: Path, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const holder = { root: copy(root) } as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = holder;
  let key: string | number = 'root';
  for (const step of path) {
    parent = parent[key] as Record<string | number, unknown>;
    key = step;
  }
  change(parent, key);
  return holder.root;
}

export function setAt(root: unknown, path: Path, value: unknown): unknown {
  return edit(root, path, (parent, key) => {
    if (typeof key === 'string') withOwn(parent as Record<string, unknown>, key, value);
    else (parent as unknown as unknown[])[key] = value;
  });
}

/** A request argument that ought to be refused, and why. */
export interface Spoiled {
  kind: string;
  /** Where and how, in a line: never the value itself, which can be huge. */
  detail: string;
  value: unknown;
  /** The schema must refuse it: a wrong type, a missing or unknown field, a value past a stated bound. */
  mustRefuse: boolean;
}

function where(path: Path): string {
  return path.length === 0 ? '(the argument)' : path.map((step) => (typeof step === 'number' ? `[${step}]` : JSON.stringify(step.length > 40 ? `${step.slice(0, 40)}…` : step))).join('.');
}

/** Values of other types than the one that belongs at a place. */
const otherTypes: readonly unknown[] = [null, undefined, true, 0, 1.5, NaN, '', `${valueCanary}`, '1', 'true', [], [1], {}, { a: 1 }];

function valuesPastBounds(core: z.ZodType, current: unknown): { value: unknown; mustRefuse: boolean; what: string }[] {
  const def = defOf(core);
  const out: { value: unknown; mustRefuse: boolean; what: string }[] = [];
  const checks = checksOf(core);
  const bound = (name: string, field: string): number | undefined => {
    const check = checks.find((entry) => entry.check === name);
    return check === undefined ? undefined : Number(check[field]);
  };
  if (def.type === 'string') {
    const max = bound('max_length', 'maximum') ?? bound('length_equals', 'length');
    const min = bound('min_length', 'minimum') ?? bound('length_equals', 'length');
    if (max !== undefined) {
      out.push({ value: hugeString(max + 1), mustRefuse: true, what: `${max + 1} characters (at most ${max})` });
      out.push({ value: hugeString(Math.max(max * 4, 70_000)), mustRefuse: true, what: 'a huge string' });
    } else {
      out.push({ value: hugeString(1_100_000), mustRefuse: false, what: 'a huge string (no stated bound)' });
    }
    if (min !== undefined && min > valueCanary.length + 1) out.push({ value: 'x'.repeat(min - 1), mustRefuse: true, what: `${min - 1} characters (at least ${min})` });
    if (min !== undefined && min >= 1) out.push({ value: '', mustRefuse: true, what: 'an empty string' });
    const text = typeof current === 'string' && current.length > 0 ? current : 'abc';
    const hasPattern = checks.some((entry) => entry.check === 'string_format');
    for (const character of invisibleCharacters) {
      const at = text.length >> 1;
      out.push({ value: `${text.slice(0, at)}${character}${text.slice(at)}`, mustRefuse: false, what: `U+${character.codePointAt(0)!.toString(16).toUpperCase()} inside ${hasPattern ? 'a patterned' : 'a'} string` });
    }
    const lookalike = [...text].map((character) => homoglyphs[character] ?? character).join('');
    if (lookalike !== text) out.push({ value: lookalike, mustRefuse: false, what: 'look-alike letters' });
    out.push({ value: `${text} `, mustRefuse: false, what: 'a trailing space' });
  } else if (def.type === 'number') {
    const integer = checks.some((entry) => entry.check === 'number_format' && /int/.test(String(entry.format)));
    const base = typeof current === 'number' ? current : 1;
    if (integer) out.push({ value: base + 0.5, mustRefuse: true, what: 'a fraction where a whole number belongs' });
    const low = checks.find((entry) => entry.check === 'greater_than');
    const high = checks.find((entry) => entry.check === 'less_than');
    if (low !== undefined) out.push({ value: Number(low.value) - (low.inclusive === true ? 1 : 0), mustRefuse: true, what: `below ${String(low.value)}` });
    if (high !== undefined) out.push({ value: Number(high.value) + (high.inclusive === true ? 1 : 0), mustRefuse: true, what: `above ${String(high.value)}` });
    out.push({ value: NaN, mustRefuse: true, what: 'NaN' }, { value: Infinity, mustRefuse: true, what: 'Infinity' }, { value: -Infinity, mustRefuse: true, what: '-Infinity' });
    out.push({ value: 2 ** 53 + 2, mustRefuse: integer, what: 'beyond safe integers' }, { value: String(base), mustRefuse: true, what: 'the number as text' });
  } else if (def.type === 'enum' || def.type === 'literal') {
    const members = def.type === 'enum' ? Object.values(def.entries as Record<string, unknown>) : (def.values as unknown[]);
    const sample = String(members[0]);
    const candidates = [
      `${sample}\u200b`,
      `\u202e${sample}`,
      sample.toUpperCase(),
      sample.toLowerCase(),
      ` ${sample}`,
      [...sample].map((character) => homoglyphs[character] ?? character).join(''),
      '',
      ...prototypeKeys,
      `${valueCanary}`,
    ];
    for (const value of candidates) if (!members.includes(value)) out.push({ value, mustRefuse: true, what: `not one of the choices (${JSON.stringify(value).slice(0, 20)})` });
    out.push({ value: [sample], mustRefuse: true, what: 'a choice inside an array' });
  } else if (def.type === 'boolean') {
    for (const value of ['true', 'false', 1, 0, null, [], {}]) out.push({ value, mustRefuse: true, what: `${JSON.stringify(value)} for a boolean` });
  } else if (def.type === 'array') {
    const max = bound('max_length', 'maximum');
    const min = bound('min_length', 'minimum');
    const items = Array.isArray(current) ? current : [];
    const filler = items[0] ?? null;
    if (max !== undefined && filler !== null) out.push({ value: Array.from({ length: max + 1 }, (_, index) => (items.length > 0 ? items[index % items.length] : filler)), mustRefuse: true, what: `${max + 1} items (at most ${max})` });
    if (min !== undefined && min > 0) out.push({ value: items.slice(0, min - 1), mustRefuse: true, what: `${min - 1} items (at least ${min})` });
    out.push({ value: { 0: filler, length: 1 }, mustRefuse: true, what: 'an array-like object' });
  } else if (def.type === 'object') {
    out.push({ value: Object.entries(isPlainObject(current) ? current : {}), mustRefuse: true, what: 'the object as entries' });
  }
  return out;
}

/**
 * Every way this module knows to spoil `example` for `schema`, as an
 * arbitrary: one spoiled argument per draw. `maxDepth` is the deepest
 * nesting the transport carries.
 */
export function spoiledArb(schema: z.ZodType, example: unknown, maxDepth: number): fc.Arbitrary<Spoiled> {
  const positions = positionsOf(schema, example);
  const present = positions.filter((position) => position.present);
  const choose = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items);

  const wrongType = choose(positions).chain((position) =>
    choose(otherTypes).map((value) => ({
      kind: 'wrong type',
      detail: `${where(position.path)} := ${describeValue(value)}`,
      value: setAt(example, position.path, value),
      mustRefuse: !position.underUnion && !accepts(position.schema, value),
    })),
  );

  const pastBounds = choose(positions).chain((position) => {
    const options = valuesPastBounds(position.core, position.value);
    if (options.length === 0) return fc.constant(null);
    return choose(options).map((option) => ({
      kind: 'past a bound',
      detail: `${where(position.path)}: ${option.what}`,
      value: setAt(example, position.path, option.value),
      mustRefuse: option.mustRefuse && !position.underUnion,
    }));
  });

  const hostile = fc.tuple(choose(positions), hostileValue(maxDepth)).map(([position, value]) => ({
    kind: 'hostile value',
    detail: `${where(position.path)} := ${describeValue(value)}`,
    value: setAt(example, position.path, value),
    mustRefuse: false,
  }));

  const whole = hostileValue(maxDepth).map((value) => ({ kind: 'hostile argument', detail: describeValue(value), value, mustRefuse: false }));

  const withRequired = present.flatMap((position) => {
    const def = defOf(position.core);
    if (def.type !== 'object' || !isPlainObject(position.value)) return [];
    const shape = def.shape as Record<string, z.ZodType>;
    return Object.keys(shape)
      .filter((key) => !accepts(shape[key]!, undefined))
      .map((key) => ({ position, key }));
  });
  const missing =
    withRequired.length === 0
      ? fc.constant(null)
      : choose(withRequired).map(({ position, key }) => ({
          kind: 'missing field',
          detail: `${where([...position.path, key])} left out`,
          value: edit(example, [...position.path, key], (parent, name) => void delete parent[name]),
          mustRefuse: !position.underUnion,
        }));

  const objects = present.filter((position) => ['object', 'record'].includes(defOf(position.core).type) && isPlainObject(position.value));
  const extra =
    objects.length === 0
      ? fc.constant(null)
      : choose(objects).chain((position) => {
          const def = defOf(position.core);
          const catchall = def.catchall as z.ZodType | undefined;
          const strict = def.type === 'object' && catchall !== undefined && defOf(catchall).type === 'never';
          const known = def.type === 'object' ? Object.keys(def.shape as object) : Object.keys(position.value as object);
          return fc.tuple(unknownKey(known), fc.oneof(hostileValue(Math.min(maxDepth, 50)), fc.constant(true))).map(([key, value]) => {
            const keyRefused = def.type === 'record' && !accepts(def.keyType as z.ZodType, key);
            return {
              kind: 'unknown field',
              detail: `${where([...position.path, key])} added${strict ? ' to a strict object' : ''}`,
              value: edit(example, position.path, (parent, name) => void withOwn(parent[name] as Record<string, unknown>, key, value)),
              mustRefuse: !position.underUnion && (strict || keyRefused),
            };
          });
        });

  return fc
    .oneof(
      { weight: 3, arbitrary: wrongType },
      { weight: 4, arbitrary: pastBounds },
      { weight: 2, arbitrary: hostile },
      { weight: 2, arbitrary: whole },
      { weight: 2, arbitrary: missing },
      { weight: 3, arbitrary: extra },
    )
    .filter((spoiled): spoiled is Spoiled => spoiled !== null);
}

/** A value in a few words, for a failure report: its type and size, never its content. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length}` : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'object': {
      const name = Object.getPrototypeOf(value) === null ? 'a null-prototype object' : (value as object).constructor.name;
      const keys = Object.keys(value as object);
      return `${name} with ${keys.length} keys${keys.length > 0 && keys.length < 4 ? ` (${keys.map((key) => JSON.stringify(key.slice(0, 20))).join(', ')})` : ''}`;
    }
    default:
      return typeof value;
  }
}

/** Whether anything reachable from `value` inherits the pollution mark, or Object.prototype carries it. */
export function inheritsPollution(value: unknown): boolean {
  if ((Object.prototype as Record<string, unknown>)[pollutionMark] !== undefined) return true;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (pollutionMark in current && !Object.hasOwn(current, pollutionMark)) return true;
    if (current instanceof Map || current instanceof Set) continue;
    for (const key of Object.keys(current)) stack.push((current as Record<string, unknown>)[key]);
  }
  return false;
}
