import type { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { ConflictError, DomainError, RateLimitError, ValidationError } from '@/server/lib/errors';
import { fieldIssues, unstorableText } from '@/server/lib/validation';

/**
 * A server action's body, kept in server/ so that the portal, the isolation test and the API
 * share it: a Zod schema next to the use case it guards.
 */
export interface ActionDef<S extends z.ZodType, R> {
  schema: S;
  run: (actor: Actor, input: z.output<S>, now: Date) => Promise<R>;
}

export const defineAction = <S extends z.ZodType, R>(def: ActionDef<S, R>) => def;

export type ActionResult<R> =
  | { ok: true; data: R }
  | {
      ok: false;
      status: number;
      /** Errors-catalogue key for the form as a whole. */
      code: string;
      /** Field name → errors-catalogue key, shown under each field. */
      fieldErrors: Record<string, string>;
    };

/** Validates, runs, and turns domain errors into a result the form can show; nothing else is caught. */
export async function executeAction<S extends z.ZodType, R>(
  def: ActionDef<S, R>,
  actor: Actor,
  input: unknown,
  now: Date,
): Promise<ActionResult<R>> {
  const unstorable = unstorableText(input);
  if (unstorable) return invalid([unstorable]);
  const parsed = def.schema.safeParse(input);
  if (!parsed.success) return invalid(fieldIssues(parsed.error));
  try {
    return { ok: true, data: await def.run(actor, parsed.data, now) };
  } catch (error) {
    if (error instanceof ValidationError) return invalid(error.issues);
    if (error instanceof ConflictError) return { ok: false, status: 409, code: error.issue.code, fieldErrors: { [error.issue.field]: error.issue.code } };
    if (error instanceof RateLimitError) return { ok: false, status: 429, code: error.code, fieldErrors: {} };
    if (error instanceof DomainError) return { ok: false, status: error.status, code: `action.${error.code}`, fieldErrors: {} };
    throw error;
  }
}

function invalid(issues: { field: string; code: string }[]): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[issue.field] ??= issue.code;
  return { ok: false, status: 400, code: 'action.validation', fieldErrors };
}
