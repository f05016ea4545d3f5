import { healthReportSchema } from '../health';
import type { Channel } from './channels';
import { noArguments, type ChannelSchemas } from './common';

/** The tenant's health for the signed-in session: the checks of `tcs-admin doctor`, each OK, WARN or FAIL. */
export const healthContract = {
  'health:check': { args: noArguments, result: healthReportSchema },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;
