import type { z } from 'zod';
import {
  channels,
  contract,
  type Channel,
  type ParsedArgsOf,
  type ValueOf,
} from '../../shared/contract';
import { fieldErrorsOf } from '../../shared/fieldErrors';
import { fail, kindAnchor, type AppError, type Result } from '../../shared/result';

export type Handler<C extends Channel> = (
  args: ParsedArgsOf<C>,
) => Promise<Result<ValueOf<C>>> | Result<ValueOf<C>>;

/** One handler per channel; the type makes a missing one a compile error. */
export type HandlerTable = { [C in Channel]: Handler<C> };

/** Answers one request from any transport (Electron IPC, the browser shell, tests). */
export type Dispatch = (channel: string, rawArgs: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Told about exceptions a handler did not expect; receives no request data. */
  onInternalError?: (channel: Channel, error: unknown) => void;
}

const knownChannels: ReadonlySet<string> = new Set(channels);

export function isChannel(name: string): name is Channel {
  return knownChannels.has(name);
}

export function createDispatcher(handlers: HandlerTable, options: DispatchOptions = {}): Dispatch {
  return async (channel, rawArgs) => {
    if (!isChannel(channel)) {
      return fail({
        kind: 'validation',
        message: `The console has no operation called "${shownName(channel)}".`,
        anchor: kindAnchor('validation'),
      });
    }
    const { args: argsSchema, result: resultSchema } = contract[channel];
    const parsed = argsSchema.safeParse(rawArgs);
    if (!parsed.success) return fail(invalidArguments(parsed.error));

    let answer: Result<unknown>;
    try {
      const handler = handlers[channel] as (args: unknown) => Promise<Result<unknown>> | Result<unknown>;
      answer = await handler(parsed.data);
    } catch (error) {
      options.onInternalError?.(channel, error);
      return fail(internalError(channel));
    }
    if (!answer.ok) return answer;

    const checked = (resultSchema as z.ZodType).safeParse(answer.value);
    if (!checked.success) {
      options.onInternalError?.(channel, new Error(`answer of ${channel} does not match its contract`));
      return fail(internalError(channel));
    }
    return { ok: true, value: checked.data };
  };
}

/** How many fields a message names; `fields` lists every one. */
const namedInMessage = 5;

/** Characters a person cannot see, or that turn the text around them: control, format, direction, private-use, lone surrogates. */
const hiddenCharacters = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu;

/**
 * A name the request chose (a field, an operation) as an answer shows it:
 * short, and with every hidden character written out as U+XXXX, so that a
 * name cannot make the answer huge, nor hide or reorder the words around it.
 */
function shownName(name: string, maxLength = 64): string {
  const visible = name.replace(hiddenCharacters, (character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const characters = Array.from(visible);
  return characters.length <= maxLength ? visible : `${characters.slice(0, maxLength - 1).join('')}…`;
}

/**
 * Every field that was wrong and what to do about it, each on its own, so a
 * form can show all of them at once; never the values sent, as a value typed
 * in the wrong field could be a password.
 */
function invalidArguments(error: z.ZodError): AppError {
  const fields = fieldErrorsOf(error)
    .slice(0, 100)
    .map((entry) => ({ ...entry, field: shownName(entry.field) }));
  const named = fields.filter((entry) => entry.field !== '');
  const first = fields[0];
  const listed = named.slice(0, namedInMessage).map((entry) => `“${entry.field}”`).join(', ');
  return {
    kind: 'validation',
    message:
      named.length === 0
        ? `The console could not take this request: ${first?.message ?? 'it is not in the expected form.'}`
        : named.length === 1
          ? `Check the field “${named[0]!.field}”: ${named[0]!.message}`
          : `Check the ${named.length} fields marked: ${listed}${named.length > namedInMessage ? ` and ${named.length - namedInMessage} more` : ''}.`,
    hint: 'Nothing was changed. Correct the input and try again.',
    anchor: kindAnchor('validation'),
    ...(named.length === 0 ? {} : { field: named[0]!.field, fields: named }),
  };
}

function internalError(channel: Channel): AppError {
  return {
    kind: 'internal',
    message: `The console failed unexpectedly while handling ${channel}.`,
    hint: 'Try again. If it keeps failing, restart the console and report the problem with the log.',
    anchor: kindAnchor('internal'),
  };
}
