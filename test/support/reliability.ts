import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reliability suites run at two sizes: `ci` (the default, within CI's time)
 * and `full` (`npm run report:reliability`, which sets TCS_RELIABILITY=full).
 * Each suite records its figures here; the report prints them as one table.
 */
export type ReliabilitySize = 'ci' | 'full';

export const reliabilitySize: ReliabilitySize = process.env.TCS_RELIABILITY === 'full' ? 'full' : 'ci';

/** A number (runs, requests, kills…) for the size this run is at. */
export function atSize<T>(ci: T, full: T): T {
  return reliabilitySize === 'full' ? full : ci;
}

export interface Figure {
  /** The suite's name in the table, such as "Fuzzing the boundary". */
  suite: string;
  /** What was counted or measured, such as "requests fuzzed". */
  name: string;
  value: number;
  /** How the value reads: "requests", "ms", "MB". */
  unit?: string;
  /** What it must be, in words: "0", "at most 1,000 ms". */
  goal?: string;
  /** Whether the goal is met; the suite's own assertions decide, this only reports it. */
  met?: boolean;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where the figures of a run go, one JSON line each. */
export const figuresFile = join(root, 'test-results', 'reliability', 'figures.jsonl');

/** Records a figure for the reliability table. Never a secret: names and numbers only. */
export function recordFigure(figure: Figure): void {
  mkdirSync(join(root, 'test-results', 'reliability'), { recursive: true });
  appendFileSync(figuresFile, `${JSON.stringify({ ...figure, size: reliabilitySize, at: new Date().toISOString() })}\n`);
}

/** A seeded generator (mulberry32): the same seed draws the same kill points, sizes and variants again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
