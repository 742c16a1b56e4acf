import type { Command } from 'commander';
import { ConflictError, DomainError, ValidationError } from '@/server/lib/errors';
import { errorMessage } from '@/server/lib/messages';

/** API-3: every command prints one JSON object with --json, readable lines otherwise. */
export function print(command: Command, result: object, human: () => string): void {
  const json = Boolean(command.optsWithGlobals().json);
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${human()}\n`);
}

export function describeError(error: unknown): { message: string; errors?: { field: string; message: string }[] } {
  if (error instanceof ValidationError)
    return { message: error.message, errors: error.issues.map((i) => ({ field: i.field, message: errorMessage(i.code) })) };
  if (error instanceof ConflictError)
    return { message: error.message, errors: [{ field: error.issue.field, message: errorMessage(error.issue.code) }] };
  if (error instanceof DomainError) return { message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Repeatable options (`--portal-number A --portal-number B`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
