import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { figuresFile, recordFigure } from '../support/reliability';

/** What one surface's fuzzing counted. */
export interface FuzzTally {
  /** Requests sent (contract calls, or HTTP requests). */
  requests: number;
  /** Handlers that ran on input they should never have seen. */
  handlersOnBadInput: number;
  /** Exceptions that escaped, requests left unanswered or answered with something other than a clear error. */
  crashes: number;
}

export const fuzzSuite = 'Fuzzing the boundary';
const surfaces = ['contract', 'http'] as const;
type Surface = (typeof surfaces)[number];

const tallyFile = (surface: Surface): string => join(dirname(figuresFile), `fuzz-${surface}.json`);

function readTally(surface: Surface): FuzzTally | null {
  const path = tallyFile(surface);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as FuzzTally;
  } catch {
    return null;
  }
}

/**
 * Records one surface's tally and the suite's figures over both surfaces:
 * the two run in separate workers, so each adds the other's latest tally
 * (the test runners clear the results folder before a run) and the last to
 * finish writes the whole.
 */
export function recordFuzzTally(surface: Surface, tally: FuzzTally): void {
  mkdirSync(dirname(figuresFile), { recursive: true });
  writeFileSync(tallyFile(surface), JSON.stringify(tally));
  const total: FuzzTally = { requests: 0, handlersOnBadInput: 0, crashes: 0 };
  for (const each of surfaces) {
    const part = each === surface ? tally : readTally(each);
    if (part === null) continue;
    total.requests += part.requests;
    total.handlersOnBadInput += part.handlersOnBadInput;
    total.crashes += part.crashes;
  }
  recordFigure({ suite: fuzzSuite, name: 'requests fuzzed', value: total.requests, unit: 'requests' });
  recordFigure({ suite: fuzzSuite, name: 'handlers run on bad input', value: total.handlersOnBadInput, goal: '0', met: total.handlersOnBadInput === 0 });
  recordFigure({ suite: fuzzSuite, name: 'crashes or unanswered', value: total.crashes, goal: '0', met: total.crashes === 0 });
}

/** The seed of this run: fixed, or TCS_FUZZ_SEED to replay one a failure printed. */
export function fuzzSeed(fixed: number): number {
  const given = Number(process.env.TCS_FUZZ_SEED);
  return Number.isSafeInteger(given) ? given : fixed;
}
