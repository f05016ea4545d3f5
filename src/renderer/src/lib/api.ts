import type { Api } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { callOverHttp, createHttpApi } from './http';

/** Main's operations: through the preload under Electron, over HTTP in the browser shell. */
export const api: Api = window.api ?? createHttpApi();

/**
 * In the browser shell, an operation whose wait can be stopped (see
 * `callOverHttp`); under Electron, none: IPC has no connections to run out of.
 */
export const abortableCall: ((channel: string, args: unknown, signal: AbortSignal) => Promise<Result<unknown>>) | undefined = window.api === undefined ? callOverHttp : undefined;
