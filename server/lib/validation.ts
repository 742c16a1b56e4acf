import { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors';

/**
 * PostgreSQL text cannot hold NUL, and jsonb refuses a lone UTF-16 surrogate (an email's frozen
 * facts are jsonb); refusing both here keeps such input a 400 instead of a failed insert.
 */
export const STORABLE_TEXT = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/**
 * Names, subjects, routes: one line. A CR or LF would fold an email header or a calendar
 * property, so no control character at all (issue 13: email injection); NUL is among them.
 */
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
/** Descriptions may keep their line breaks and tabs, nothing else below the space. */
export const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
export const CONTROL_CHARACTERS = 'field.controlCharacters';

/** A person's or a thing's name: required, at most 200 characters, one line. */
export const nameSchema = z.string().trim().min(1, 'name.required').max(200, 'name.tooLong').regex(SINGLE_LINE, CONTROL_CHARACTERS);

const MESSAGE_KEY = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/;

/** Zod issues → `{ field, code }` where code is a key of the errors catalogue. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.') || 'body';
    if (MESSAGE_KEY.test(issue.message)) return { field, code: issue.message };
    if (issue.code === 'invalid_type' && issue.input === undefined) return { field, code: 'field.required' };
    if (issue.code === 'unrecognized_keys') return { field: issue.keys.join(', '), code: 'field.unknown' };
    return { field, code: 'field.invalid' };
  });
}

/** Parse or throw a ValidationError naming every bad field; nothing is changed on failure. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldIssues(result.error));
  return result.data;
}

/**
 * the first text anywhere in `input` that storage cannot hold (a NUL character, a lone surrogate), as a field
 * issue; checked once at the edges (API bodies, parameters, server actions) so that no field of
 * any form or route can reach a query with it.
 */
export function unstorableText(input: unknown, path: string[] = []): FieldIssue | null {
  if (typeof input === 'string') return STORABLE_TEXT.test(input) ? null : { field: path.join('.') || 'body', code: 'field.invalid' };
  if (Array.isArray(input)) {
    for (const [i, item] of input.entries()) {
      const found = unstorableText(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (input && typeof input === 'object')
    for (const [key, value] of Object.entries(input)) {
      const found = unstorableText(key, [...path, key]) ?? unstorableText(value, [...path, key]);
      if (found) return found;
    }
  return null;
}
