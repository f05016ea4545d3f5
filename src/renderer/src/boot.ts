import type { ValueOf } from '../../shared/contract';
import { methodName } from '../../shared/contract/channels';
import type { Result } from '../../shared/result';
import { api } from './lib/api';

/**
 * The first work of the console's script, before the libraries and pages it
 * holds are set up: in the browser shell the tab connects, and the settings
 * (language and theme, which the first page needs) are asked for, so that the
 * answers come while the rest is being set up rather than after it. main.tsx
 * imports this module before any other, and modules run in the order they are
 * imported.
 */
export const settingsAtStart: Promise<Result<ValueOf<'settings:get'>>> = (
  api as unknown as Record<string, () => Promise<Result<ValueOf<'settings:get'>>>>
)[methodName('settings:get')]!();
