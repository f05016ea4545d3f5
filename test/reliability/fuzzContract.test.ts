import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDispatcher, createSenderCheck, registerHandlers, type HandlerTable, type InvokeEventLike } from '../../src/main/ipc';
import { channels, contract, type Channel } from '../../src/shared/contract';
import { appErrorSchema, fail, type Result } from '../../src/shared/result';
import { atSize } from '../support/reliability';
import { fuzzSeed, recordFuzzTally, type FuzzTally } from './fuzzFigures';
import { defOf, describeValue, hostileValue, inheritsPollution, pollutionMark, prototypeKeys, spoiledArb, unknownKey, validExamples, valueCanary, type Spoiled } from './fuzzSchemas';

/**
 * Every channel of the contract, through the real registration wrapper and
 * dispatcher, with arguments its schema refuses: the handler never runs, the
 * answer is an error a person can read, nothing escapes. The channels come
 * from the contract itself, so a new one is covered without a line here.
 */

const seed = fuzzSeed(20_251_203);
/** The deepest nesting structured cloning (Electron's IPC) carries; deeper fails in the sender. */
const ipcDepth = 2_000;
const appUrl = 'app://console/index.html';

const sweepPerChannel = atSize(8, 200);
const randomRuns = atSize(300, 12_000);
const extraKeysPerChannel = atSize(2, 30);
const examplesPerChannel = atSize(2, 5);
/** How many of a channel's examples get an extra field each. */
const extraExamples = atSize(1, 5);
const unknownNames = atSize(60, 1_000);

/** A generous bound that a busy machine still meets: a hang is minutes, not seconds. */
const testTimeout = atSize(240_000, 3_600_000);

const tally: FuzzTally = { requests: 0, handlersOnBadInput: 0, crashes: 0 };

function frameEvent(url: string, options: { subframe?: boolean } = {}): InvokeEventLike {
  const mainFrame = { url, parent: null };
  return options.subframe === true ? { senderFrame: { url, parent: mainFrame }, sender: { mainFrame } } : { senderFrame: mainFrame, sender: { mainFrame } };
}
const appWindow = frameEvent(`${appUrl}#/admins`);
const strangers: readonly InvokeEventLike[] = [
  frameEvent('https://evil.example/index.html'),
  frameEvent('app://elsewhere/index.html'),
  frameEvent(appUrl, { subframe: true }),
  { senderFrame: null, sender: { mainFrame: { url: appUrl, parent: null } } },
];

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;
const listeners = new Map<string, Listener>();
/** What each handler received, in order. */
const received: { channel: Channel; args: unknown }[] = [];
const internalErrors: string[] = [];
/** An answer only a handler gives, so a test can tell it from the wrapper's own. */
const reachedMessage = 'the handler ran';

beforeAll(() => {
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      (args: unknown) => {
        received.push({ channel, args });
        return fail({ kind: 'internal', message: reachedMessage });
      },
    ]),
  ) as unknown as HandlerTable;
  const dispatch = createDispatcher(handlers, { onInternalError: (channel) => internalErrors.push(channel) });
  registerHandlers({ handle: (channel, listener) => void listeners.set(channel, listener) }, dispatch, createSenderCheck(appUrl));
});

afterAll(() => {
  // Recorded only when every assertion held: a failed run records nothing.
  if (failures === 0) recordFuzzTally('contract', tally);
});
let failures = 0;

const examples = new Map<Channel, unknown[]>();
function examplesOf(channel: Channel): unknown[] {
  let found = examples.get(channel);
  if (found === undefined) {
    found = validExamples(contract[channel].args as z.ZodType, examplesPerChannel, seed);
    examples.set(channel, found);
  }
  return found;
}

/** Invisible, control and direction characters: a clear message holds none. */
const hiddenCharacters = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\u3164\u115f\u1160\uffa0]/u;

interface Outcome {
  /** False when the transport could not carry the arguments at all (as Electron's IPC refuses to clone them). */
  delivered: boolean;
  bad: boolean;
  ran: number;
  answer: unknown;
}

/** Sends a request as Electron's IPC would (its arguments structured-cloned) and checks the answer; counts everything. */
async function call(channel: Channel, event: InvokeEventLike, args: readonly unknown[]): Promise<Outcome> {
  let delivered: unknown[];
  try {
    delivered = structuredClone([...args]);
  } catch {
    return { delivered: false, bad: true, ran: 0, answer: undefined };
  }
  const trusted = event === appWindow;
  const schemaTakes = delivered.length <= 1 && (contract[channel].args as z.ZodType).safeParse(delivered[0]).success;
  const bad = !trusted || !schemaTakes;
  const before = received.length;
  tally.requests += 1;
  let answer: unknown;
  try {
    answer = await listeners.get(channel)!(event, ...delivered);
  } catch (error) {
    tally.crashes += 1;
    throw new Error(`${channel}: an exception escaped the wrapper: ${String(error).slice(0, 200)}`, { cause: error });
  }
  const ran = received.length - before;
  if (bad && ran > 0) tally.handlersOnBadInput += ran;
  if (bad) expectClearRefusal(channel, answer, trusted ? 'validation' : 'permission');
  else {
    expect(ran, `${channel}: a valid request reaches its handler once`).toBe(1);
    expect(inheritsPollution(received.at(-1)!.args), `${channel}: the handler received an object that inherits from a hostile prototype`).toBe(false);
    expect(answer).toEqual(fail({ kind: 'internal', message: reachedMessage }));
  }
  expect(ran, `${channel}: a handler ran on input it must never see`).toBe(bad ? 0 : 1);
  expect(({} as Record<string, unknown>)[pollutionMark], 'Object.prototype was polluted').toBeUndefined();
  return { delivered: true, bad, ran, answer };
}

function expectClearRefusal(channel: Channel, answer: unknown, kind: 'validation' | 'permission'): void {
  const clear =
    typeof answer === 'object' &&
    answer !== null &&
    (answer as Result<unknown>).ok === false &&
    appErrorSchema.safeParse((answer as { error: unknown }).error).success;
  if (!clear) tally.crashes += 1;
  expect(clear, `${channel}: the refusal is an error in the contract's form: ${JSON.stringify(answer)?.slice(0, 400)}`).toBe(true);
  const { error } = answer as { ok: false; error: z.infer<typeof appErrorSchema> };
  expect(error.kind).toBe(kind);
  expect(error.message.trim().length, `${channel}: the refusal says what was wrong`).toBeGreaterThan(10);
  expect(error.message.length, `${channel}: the refusal is short enough to read`).toBeLessThanOrEqual(1_000);
  expect(error.message, `${channel}: the message hides nothing a person cannot see`).not.toMatch(hiddenCharacters);
  const text = JSON.stringify(answer);
  expect(text.length, `${channel}: the refusal is small, whatever was sent`).toBeLessThanOrEqual(32 * 1024);
  expect(text, `${channel}: the refusal never echoes a value sent`).not.toContain(valueCanary);
  expect(text).not.toContain(reachedMessage);
}

/** Checks a spoiled argument, and that the schema refuses what it must. */
async function trySpoiled(channel: Channel, spoiled: Spoiled): Promise<void> {
  const outcome = await call(channel, appWindow, [spoiled.value]);
  if (outcome.delivered && spoiled.mustRefuse) {
    expect(outcome.bad, `${channel}: the contract accepts ${spoiled.kind} ${spoiled.detail}`).toBe(true);
  }
}

/** A failure report that names the case without printing a megabyte of it. */
function labelled<T extends object>(value: T, label: string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => label });
}

describe('fuzzing every contract channel through the registration wrapper', { timeout: testTimeout }, () => {
  it('has a valid example for every channel, which reaches its handler exactly once', async () => {
    try {
      const missing = channels.filter((channel) => examplesOf(channel).length === 0);
      expect(missing, 'channels whose arguments the fuzzer could not build (teach fuzzSchemas about their schema)').toEqual([]);
      for (const channel of channels) {
        for (const example of examplesOf(channel)) {
          const outcome = await call(channel, appWindow, [example]);
          expect(outcome.bad).toBe(false);
        }
      }
    } catch (error) {
      failures += 1;
      throw error;
    }
  });

  it(`refuses, for every channel, ${sweepPerChannel} spoiled arguments of every kind before any handler runs`, async () => {
    try {
      for (const [index, channel] of channels.entries()) {
        for (const [which, example] of examplesOf(channel).entries()) {
          const numRuns = Math.ceil(sweepPerChannel / examplesOf(channel).length);
          const spoiledCases = fc.sample(spoiledArb(contract[channel].args as z.ZodType, example, ipcDepth), { seed: seed + index * 31 + which, numRuns });
          for (const spoiled of spoiledCases) {
            try {
              await trySpoiled(channel, spoiled);
            } catch (error) {
              throw new Error(`seed ${seed}: ${channel} with ${spoiled.kind} ${spoiled.detail}: ${(error as Error).message}`, { cause: error });
            }
          }
        }
      }
    } catch (error) {
      failures += 1;
      throw error;
    }
  });

  it('refuses random hostile requests on random channels, from the window and from strangers, and keeps answering', async () => {
    const requestArb = fc.constantFrom(...channels).chain((channel) => {
      const schema = contract[channel].args as z.ZodType;
      const spoiled = fc.constantFrom(...examplesOf(channel)).chain((example) => spoiledArb(schema, example, ipcDepth));
      return fc.oneof(
        { weight: 8, arbitrary: spoiled.map((each) => labelled({ channel, event: appWindow, args: [each.value], spoiled: each as Spoiled | null }, `${channel} ${each.kind} ${each.detail}`)) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...examplesOf(channel)), fc.array(hostileValue(50), { minLength: 1, maxLength: 3 }))
            .map(([example, more]) => labelled({ channel, event: appWindow, args: [example, ...more], spoiled: null }, `${channel} with ${1 + more.length} arguments (${more.map(describeValue).join('; ')})`)),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...strangers), fc.oneof(fc.constantFrom(...examplesOf(channel)), hostileValue(50)))
            .map(([event, value]) => labelled({ channel, event, args: [value], spoiled: null }, `${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'}${event.senderFrame?.parent ? ' (a subframe)' : ''}`)),
        },
      );
    });
    try {
      await fc.assert(
        fc.asyncProperty(requestArb, async (request) => {
          if (request.spoiled !== null) await trySpoiled(request.channel, request.spoiled);
          else await call(request.channel, request.event, request.args);
        }),
        { seed, numRuns: randomRuns, endOnFailure: true },
      );
      // After the barrage, a normal request of every channel still reaches its handler.
      for (const channel of channels) expect((await call(channel, appWindow, [examplesOf(channel)[0]])).bad).toBe(false);
    } catch (error) {
      failures += 1;
      throw error;
    }
  });

  it('refuses a valid request with one field more, wherever the schema is strict, naming the field', async () => {
    let strictChannels = 0;
    try {
      for (const [index, channel] of channels.entries()) {
        const schema = contract[channel].args as z.ZodType;
        const def = defOf(schema);
        const catchall = def.catchall as z.ZodType | undefined;
        if (def.type !== 'object' || catchall === undefined || defOf(catchall).type !== 'never') continue;
        strictChannels += 1;
        const known = Object.keys(def.shape as object);
        const keys = [...prototypeKeys.slice(0, 3), ...fc.sample(unknownKey(known), { seed: seed + index, numRuns: extraKeysPerChannel })];
        for (const example of examplesOf(channel).slice(0, extraExamples)) {
          for (const key of keys) {
            const value = JSON.parse(`{${JSON.stringify(key)}:{"${pollutionMark}":true}}`) as Record<string, unknown>;
            const args = Object.assign(JSON.parse(JSON.stringify(example)) as Record<string, unknown>, {});
            Object.defineProperty(args, key, { value: value[key], enumerable: true, writable: true, configurable: true });
            const outcome = await call(channel, appWindow, [args]);
            expect(outcome.bad, `${channel} with the extra field ${JSON.stringify(key.slice(0, 40))}`).toBe(true);
            const error = (outcome.answer as { error: z.infer<typeof appErrorSchema> }).error;
            // A field with an empty name has nothing to be marked by: the message says it instead.
            const marked = error.fields?.some((field) => field.key === 'unknownField') === true || (key === '' && error.message.includes('does not know this field'));
            expect(marked, `${channel}: the refusal marks the unknown field`).toBe(true);
          }
        }
      }
      // Most channels take an object; a contract where none were strict would leave this test empty.
      expect(strictChannels).toBeGreaterThan(channels.length / 2);
    } catch (error) {
      failures += 1;
      throw error;
    }
  });

  it('answers a request for an operation that does not exist with a clear refusal', async () => {
    const dispatch = createDispatcher(Object.fromEntries(channels.map((channel) => [channel, () => received.push({ channel, args: null })])) as unknown as HandlerTable);
    const names = fc.sample(
      fc.oneof(
        fc.constantFrom(...prototypeKeys, '', ' ', 'app:info\u200b', '\u202eapp:info', 'APP:INFO', 'app:info ', 'app:', ':info', 'app:info:x', 'a'.repeat(100_000)),
        fc.constantFrom(...channels).map((channel) => `${channel}\u0000`),
        fc.string({ maxLength: 30 }).filter((name) => !(channels as readonly string[]).includes(name)),
      ),
      { seed, numRuns: unknownNames },
    );
    try {
      for (const name of names) {
        const before = received.length;
        tally.requests += 1;
        const answer = await dispatch(name, { [valueCanary]: 1 });
        if (received.length !== before) tally.handlersOnBadInput += 1;
        expect(received.length).toBe(before);
        expect(answer).toMatchObject({ ok: false, error: { kind: 'validation' } });
        expect(appErrorSchema.safeParse((answer as { error: unknown }).error).success).toBe(true);
        const { message } = (answer as { error: { message: string } }).error;
        expect(message.length).toBeLessThanOrEqual(1_000);
        expect(message).not.toMatch(hiddenCharacters);
      }
    } catch (error) {
      failures += 1;
      throw error;
    }
  });

  it('names a field the request made up short and visible, however long or hidden its name', async () => {
    try {
      for (const channel of channels) {
        const def = defOf(contract[channel].args as z.ZodType);
        if (def.type !== 'object') continue;
        const args: Record<string, unknown> = { ...(examplesOf(channel)[0] as object) };
        args['k'.repeat(100_000)] = 1;
        args['id\u202e'] = 2;
        for (let index = 0; index < 200; index += 1) args[`extra${index}\u200b`] = index;
        const outcome = await call(channel, appWindow, [args]);
        const error = (outcome.answer as { error: z.infer<typeof appErrorSchema> }).error;
        expect(error.message, channel).toMatch(/^Check the \d+ fields marked: .* and \d+ more\.$/);
        expect(JSON.stringify(error), channel).toContain('idU+202E');
        expect(error.fields?.length, channel).toBe(100);
      }
    } catch (error) {
      failures += 1;
      throw error;
    }
  });

  it('reports nothing as an unexpected failure while refusing', () => {
    expect(internalErrors).toEqual([]);
    expect(tally.handlersOnBadInput).toBe(0);
    expect(tally.crashes).toBe(0);
  });
});
