import { attentionSummarySchema } from '../attention';
import type { Channel } from './channels';
import { noArguments, type ChannelSchemas } from './common';

/**
 * What needs attention for the signed-in profile, for the top of the Home
 * page: certificates and domain validations ending soon, passwords about to
 * expire, checklist runs left open. A part SCM did not answer in time says so;
 * the rest is answered all the same.
 */
export const attentionContract = {
  'attention:summary': { args: noArguments, result: attentionSummarySchema },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;
