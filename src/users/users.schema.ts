import { z } from 'zod';
import { roles } from '../access/policy';
import { passwordWeakness } from './password-strength';

export const newUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{2,64}$/i, 'use 2–64 letters, digits, dots, dashes or underscores'),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(roles),
    partner: z.string().trim().min(1).max(200).nullable().default(null),
    password: z.string().min(12, 'use at least 12 characters').max(1024),
  })
  .strict()
  .refine((u) => (u.role === 'partner') === (u.partner !== null), {
    message: 'a partner account needs its organisation (partner), and only a partner account has one',
    path: ['partner'],
  })
  .superRefine((u, context) => {
    const weakness = passwordWeakness(u.password, [u.username, u.displayName, u.partner ?? '']);
    if (weakness) context.addIssue({ code: 'custom', message: weakness, path: ['password'] });
  });
export type NewUser = z.input<typeof newUserSchema>;

/**
 * A change to an account, by an administrator: disabled or enabled, another role, another partner
 * organisation (only a partner account has one; it needs one). What is not given stays.
 */
export const userChangesSchema = z
  .object({
    disabled: z.boolean(),
    role: z.enum(roles),
    partner: z.string().trim().min(1).max(200).nullable(),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'give disabled, role or partner' });
export type UserChanges = z.output<typeof userChangesSchema>;

/**
 * Why a change to an account was refused, as `details.code`: stable, for clients to say it in
 * their reader's language.
 */
export const userRefusals = {
  /** An administrator may not disable their own account (409). */
  selfDisable: 'user.self_disable',
  /** An administrator may not take away their own administrator role (409). */
  selfDemote: 'user.self_demote',
  /** The change would leave no active administrator (409). */
  lastAdministrator: 'user.last_administrator',
  /** A partner account needs its organisation; only a partner account has one (400). */
  partner: 'user.partner',
} as const;

/** Who an account is and what it may do: the signed-in caller, or an entry of the users list. */
export const accountSchema = z.object({
  username: z.string(),
  role: z.enum(roles),
  partner: z.string().nullable(),
});

export const userEntrySchema = accountSchema.extend({ displayName: z.string(), disabled: z.boolean() });

/** An API token as listed: never its secret, which is shown once when it is made. */
export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  username: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
