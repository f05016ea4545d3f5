import { channels } from '../../src/shared/contract';
import type { HandlerTable } from '../../src/main/ipc';
import { fail } from '../../src/shared/result';

/** A handler for every channel that refuses: tests that exercise a few channels spread theirs over it. */
export function refusingHandlers(): HandlerTable {
  return Object.fromEntries(channels.map((channel) => [channel, () => fail({ kind: 'internal', message: `${channel} is not part of this test` })])) as unknown as HandlerTable;
}
