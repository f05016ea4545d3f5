import type { ValueOf } from '../../shared/contract';
import { methodName } from '../../shared/contract/channels';
import type { Result } from '../../shared/result';
import { api } from './lib/api';

/**
 * The first work of the console, in its small first script: in the browser
 * shell the tab connects, and the settings (language and theme, which the
 * first page needs) are asked for, so that the answers come while the browser
 * is still compiling the console's libraries and pages rather than after.
 */
export const settingsAtStart: Promise<Result<ValueOf<'settings:get'>>> = (
  api as unknown as Record<string, () => Promise<Result<ValueOf<'settings:get'>>>>
)[methodName('settings:get')]!();
