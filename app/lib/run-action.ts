import { redirect } from 'next/navigation';
import { executeAction, type ActionResult } from '@/server/actions/define';
import { actions, type ActionKey } from '@/server/actions';
import { systemClock } from '@/server/lib/clock';
import { currentActor } from './session';

type Output<K extends ActionKey> = Awaited<ReturnType<(typeof actions)[K]['run']>>;

/** What a form keeps between submissions: the result and, after a refusal, what was typed. */
export type FormState<R = unknown> = (ActionResult<R> & { values?: Record<string, string> }) | null;

/** FormData → plain object; a field sent several times (checkbox group) becomes an array; a file stays a file (T-2 upload). */
function formInput(formData: FormData): Record<string, string | string[] | File> {
  const input: Record<string, string | string[] | File> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const all = formData.getAll(key);
    const file = all.find((v): v is File => typeof v !== 'string');
    const values = all.filter((v): v is string => typeof v === 'string');
    input[key] = file ?? (values.length > 1 ? values : (values[0] ?? ''));
  }
  return input;
}

/**
 * The one path from a form to the domain: the session is re-read into an Actor (T-3), the
 * registered action validates and runs, and a refusal comes back with what was typed.
 */
export async function runAction<K extends ActionKey>(key: K, formData: FormData): Promise<ActionResult<Output<K>> & { values?: Record<string, string> }> {
  const actor = await currentActor();
  if (!actor) redirect('/sign-in');
  const input = formInput(formData);
  const result = (await executeAction(actions[key] as never, actor, input, systemClock())) as ActionResult<Output<K>>;
  if (result.ok) return result;
  // What was typed comes back (never a password nor a file); a repeated field, one value per line.
  const values = Object.fromEntries(
    Object.entries(input)
      .filter((entry): entry is [string, string | string[]] => !/password/i.test(entry[0]) && !(entry[1] instanceof File))
      .map(([k, v]) => [k, typeof v === 'string' ? v : v.join('\n')]),
  );
  return { ...result, values };
}
