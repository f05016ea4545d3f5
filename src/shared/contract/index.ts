import type { z } from 'zod';
import type { Result } from '../result';
import { contract } from './schemas';
import { channels, jobEventChannel, methodName, type Channel, type MethodName } from './channels';

export { channels, contract, jobEventChannel, methodName };
export type { Channel, MethodName };

/** What a channel accepts from the renderer (before parsing). */
export type ArgsOf<C extends Channel> = z.input<(typeof contract)[C]['args']>;
/** What a channel's handler receives (after parsing). */
export type ParsedArgsOf<C extends Channel> = z.output<(typeof contract)[C]['args']>;
/** What a channel answers on success. */
export type ValueOf<C extends Channel> = z.output<(typeof contract)[C]['result']>;

type ApiFunction<C extends Channel> = [ArgsOf<C>] extends [undefined]
  ? () => Promise<Result<ValueOf<C>>>
  : (args: ArgsOf<C>) => Promise<Result<ValueOf<C>>>;

/** `window.api`: one function per channel, named by `methodName`. */
export type Api = { [C in Channel as MethodName<C>]: ApiFunction<C> };

/**
 * What the desktop app's preload adds to `window.api`: a way to hear main's
 * job events. The payload is checked in the page (`jobEventSchema`).
 */
export interface EventBridge {
  onJobEvent(listener: (payload: unknown) => void): () => void;
}
