import { z } from 'zod';
import { LIMITS } from '../constants';
import { FormBoolean, FormInt, Id } from './common';

export const PollInput = z.object({
  options: z
    .array(z.string().trim().min(1, "can't be blank").max(LIMITS.pollMaxCharsPerOption))
    .min(2, 'needs at least 2 options')
    .max(LIMITS.pollMaxOptions, `at most ${LIMITS.pollMaxOptions} options`)
    .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, 'options must be different'),
  expires_in: FormInt.pipe(z.number().int().min(LIMITS.pollMinExpirationSeconds).max(LIMITS.pollMaxExpirationSeconds)),
  multiple: FormBoolean.optional(),
  hide_totals: FormBoolean.optional(),
});

export const Poll = z
  .object({
    id: Id,
    expires_at: z.string(),
    expired: z.boolean(),
    multiple: z.boolean(),
    votes_count: z.number().int(),
    voters_count: z.number().int(),
    options: z.array(z.object({ title: z.string(), votes_count: z.number().int().nullable() })),
    emojis: z.array(z.unknown()),
    voted: z.boolean().optional(),
    own_votes: z.array(z.number().int()).optional(),
  })
  .meta({ id: 'Poll' });

const Choice = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

export const VoteBody = z
  .object({
    choices: z
      .union([z.array(Choice), Choice.transform((c) => [c])])
      .pipe(z.array(z.number()).min(1, 'choose at least one option'))
      .describe('Option indexes: a JSON array, `choices[]` form fields, or one value'),
  })
  .meta({ id: 'VoteBody' });
