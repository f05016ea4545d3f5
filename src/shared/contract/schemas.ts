import { z } from 'zod';
import { appInfoSchema } from '../appInfo';
import { authKinds, profilesViewSchema, profileViewSchema } from '../profiles';
import { passwordChangeResultSchema, passwordChangeSchema, sessionSchema } from '../session';
import { settingsPatchSchema, settingsSchema } from '../settings';
import type { Channel } from './channels';
import { noArguments, type ChannelSchemas } from './common';
import { auditContract } from './audit';
import { healthContract } from './health';
import { attentionContract } from './attention';
import { adminsContract } from './admins';
import { jobsContract } from './jobs';
import { checklistsContract } from './checklists';
import { certificatesContract } from './certificates';
import { domainsContract } from './domains';
import { notificationsContract } from './notifications';
import { personsContract } from './persons';
import { organizationsContract } from './organizations';

const profileId = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** A password, private key or client secret, as typed: no longer than any SCM takes. */
const secretField = z.string().min(1).max(16 * 1024);

/**
 * A profile as the form sends it. Only shapes and sizes are checked here; main
 * validates the meaning (host, customer URI, login) and answers with a message
 * for the field that is wrong.
 */
const profileForm = z
  .object({
    name: z.string().max(200),
    host: z.string().max(2048),
    customerUri: z.string().max(200),
    login: z.string().max(200),
    authKind: z.enum(authKinds),
    clientId: z.string().max(256).optional(),
    tokenUrl: z.string().max(2048).optional(),
    certificate: z.string().max(64 * 1024).optional(),
  })
  .strict();

/** The channels of the app itself: information, settings, profiles, the session and the sandbox. */
const coreContract = {
  'app:info': {
    args: noArguments,
    result: appInfoSchema,
  },
  'settings:get': {
    args: noArguments,
    result: settingsSchema,
  },
  'settings:update': {
    args: settingsPatchSchema,
    result: settingsSchema,
  },
  'shell:openExternal': {
    args: z.object({ url: z.string().max(2048) }).strict(),
    result: z.object({
      /** False where the shell cannot open the system browser itself (the browser shell). */
      opened: z.boolean(),
    }),
  },
  'profiles:list': { args: noArguments, result: profilesViewSchema },
  /** A profile and, when typed, its secret: saved together or not at all. The secret never comes back. */
  'profiles:create': { args: profileForm.extend({ secret: secretField.optional() }).strict(), result: profileViewSchema },
  'profiles:update': {
    args: z
      .object({
        id: profileId,
        profile: profileForm,
        secret: secretField.optional(),
        /** Whether the stored secret still belongs to the account, when the account's host, customer URI or login changes. */
        storedSecret: z.enum(['keep', 'forget']).optional(),
      })
      .strict(),
    result: profileViewSchema,
  },
  'profiles:duplicate': { args: z.object({ id: profileId }).strict(), result: profileViewSchema },
  'profiles:delete': { args: z.object({ id: profileId }).strict(), result: profilesViewSchema },
  /** The one way a secret travels: from the form to main, once. It never comes back. */
  'profiles:setSecret': { args: z.object({ id: profileId, secret: secretField }).strict(), result: profileViewSchema },
  'profiles:forgetSecret': { args: z.object({ id: profileId }).strict(), result: profileViewSchema },
  'profiles:export': {
    args: z.object({ ids: z.array(profileId).max(1000).optional() }).strict(),
    result: z.object({ fileName: z.string(), text: z.string(), count: z.number().int() }),
  },
  'profiles:import': {
    args: z.object({ text: z.string().max(1024 * 1024) }).strict(),
    result: z.object({ added: z.array(z.string()), renamed: z.array(z.object({ from: z.string(), to: z.string() })) }),
  },
  'session:get': { args: noArguments, result: sessionSchema },
  'session:signIn': { args: z.object({ profileId }).strict(), result: sessionSchema },
  'session:signOut': { args: noArguments, result: sessionSchema },
  'session:changePassword': { args: passwordChangeSchema, result: passwordChangeResultSchema },
  /** The admins one can practise as; the practice password is the sandbox's own fake one, while it has not been changed. */
  'sandbox:logins': { args: noArguments, result: z.array(z.object({ login: z.string(), description: z.string(), practicePassword: z.string().optional() })) },
  'sandbox:reset': { args: noArguments, result: sessionSchema },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

/**
 * One schema pair per channel: what the renderer may send, and what main answers
 * when it succeeds. Main parses arguments with `args` before a handler runs, and
 * parses every answer with `result` before it leaves, so nothing unlisted (a
 * secret included) can travel back by accident. Each area of the product keeps
 * its pairs in a file of its own, gathered here.
 */
export const contract = {
  ...coreContract,
  ...jobsContract,
  ...adminsContract,
  ...auditContract,
  ...healthContract,
  ...attentionContract,
  ...checklistsContract,
  ...certificatesContract,
  ...organizationsContract,
  ...notificationsContract,
  ...personsContract,
  ...domainsContract,
} as const satisfies Record<Channel, ChannelSchemas>;

export type Contract = typeof contract;
