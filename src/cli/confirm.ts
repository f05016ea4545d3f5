import { createInterface } from 'node:readline/promises';
import { ServiceError } from '../main/services/errors';
import type { CommandContext } from './commands';
import type { Output } from './output';

/** Whether the person can be asked: both ends are a terminal. */
export function interactive(output: Output): boolean {
  return output.stdin?.isTTY === true && output.stdout.isTTY === true;
}

async function ask(output: Output, question: string): Promise<string> {
  // Line by line as the terminal gives it: the answer is typed and echoed as usual.
  const reader = createInterface({ input: output.stdin!, output: output.stderr, terminal: false });
  try {
    return (await reader.question(question)).trim();
  } finally {
    reader.close();
  }
}

/**
 * Asks before a change ("y", or the object's name typed when `typed` is
 * given), or refuses without --yes where nobody can be asked.
 */
export async function confirmed(context: CommandContext, what: string, typed?: string): Promise<boolean> {
  if (context.values.yes === true) return true;
  const { output } = context;
  if (!interactive(output)) {
    output.stderr.write(`tcs-admin: this would ${what}, and there is no terminal to ask in. Nothing was sent. Add --yes to go ahead.\n`);
    return false;
  }
  const answer = typed === undefined ? await ask(output, `This will ${what}. Proceed? [y/N] `) : await ask(output, `This will ${what}. Type ${typed} to confirm: `);
  const yes = typed === undefined ? /^y(es)?$/i.test(answer) : answer === typed;
  if (!yes) output.stderr.write('Nothing was sent.\n');
  return yes;
}

/** Runs a change, printing each field's problem when the console's checks of SCM's rules refuse it. */
export async function writing<T>(context: CommandContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServiceError && error.error.fields !== undefined) {
      context.output.stderr.write(`SCM's rules refuse this, so nothing was sent:\n${error.error.fields.map((field) => `  ${field.field}: ${field.message}`).join('\n')}\n`);
    }
    throw error;
  }
}
