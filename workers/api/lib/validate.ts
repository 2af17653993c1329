import type { z } from 'zod';
import { ApiError, type FieldErrors } from './errors';

/** Parses `input` with `schema`; failures become 422 with Mastodon-style field errors. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join('.') : 'base';
    const code = issue.code === 'invalid_type' && issue.input === undefined ? 'ERR_BLANK' : issue.code === 'too_big' ? 'ERR_TOO_LONG' : issue.code === 'too_small' ? 'ERR_TOO_SHORT' : 'ERR_INVALID';
    const description = code === 'ERR_BLANK' ? "can't be blank" : issue.message;
    (details[field] ??= []).push({ error: code, description });
  }
  const summary = Object.entries(details)
    .map(([field, errs]) => `${field} ${errs.map((e) => e.description).join(', ')}`)
    .join('; ');
  throw new ApiError(422, `Validation failed: ${summary}`, details);
}
