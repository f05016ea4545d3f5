import { z } from 'zod';

/**
 * Domains as the Domains page shows and changes them: each entry with its
 * delegations per unit and certificate type, its validation and the days its
 * DCV has left; and who may change what.
 */

export const dcvMethodValues = ['CNAME', 'HTTP', 'HTTPS', 'EMAIL'] as const;
export const domainCertTypeValues = ['SSL', 'SMIME'] as const;

export const domainRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** A `*.` entry, covered by its registered domain's validation. */
  wildcard: z.boolean(),
  state: z.string().nullable(),
  delegationStatus: z.string().nullable(),
  delegations: z.array(z.object({ orgId: z.number().int().nullable(), orgName: z.string().nullable(), certTypes: z.array(z.string()), status: z.string().nullable() })),
  validationStatus: z.string().nullable(),
  validationMethod: z.string().nullable(),
  /** ISO days. */
  dcvValidated: z.string().nullable(),
  dcvExpires: z.string().nullable(),
  /** Whole days until the DCV ends; negative once it has; null without one. */
  daysLeft: z.number().int().nullable(),
});
export type DomainRow = z.infer<typeof domainRowSchema>;

export const domainListSchema = z.object({ profileId: z.string().nullable(), rows: z.array(domainRowSchema), readAt: z.string() });
export type DomainList = z.infer<typeof domainListSchema>;

export const dcvInstructionsSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('CNAME'), host: z.string(), point: z.string() }),
  z.object({ method: z.enum(['HTTP', 'HTTPS']), url: z.string(), firstLine: z.string(), secondLine: z.string() }),
  z.object({ method: z.literal('EMAIL'), emails: z.array(z.string()) }),
]);

export const dcvStatusSchema = z.object({ status: z.string(), orderStatus: z.string(), method: z.string().nullable(), validated: z.string().nullable(), expires: z.string().nullable() });

/** Whether an actor may take an action on domains, and why not. */
export function domainActionRefusal(action: 'add' | 'delegate' | 'answer' | 'dcv', actor: { roles: readonly { role: string }[]; privileges: readonly string[] }): { key: string; message: string; params: { privilege: string } } | null {
  const privilege = { add: 'allowManageDomains', delegate: 'allowManageDomains', answer: 'approveDomainDelegation', dcv: 'allowDCV' }[action];
  if (actor.roles.some((role) => role.role === 'MRAO') || actor.privileges.includes(privilege)) return null;
  return { key: 'domain.refuse.privilege', message: `You do not hold the privilege ${privilege}; SCM refuses with -3.`, params: { privilege } };
}
