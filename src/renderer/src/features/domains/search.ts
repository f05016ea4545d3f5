import { z } from 'zod';
import { lazily } from '../../lib/lazily';

/** The Domains page's address: `#/domains?domain=4711&expiring=true&q=example`. */
export const domainsSearchSchema = lazily(() =>
  z.object({
    domain: z.coerce.number().int().positive().optional().catch(undefined),
    q: z.string().max(200).optional().catch(undefined),
    expiring: z.literal(true).optional().catch(undefined),
  }),
);

export type DomainsSearch = z.infer<ReturnType<typeof domainsSearchSchema>>;
