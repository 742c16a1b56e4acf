import { PRINTED_FACTS, type FactChange, type PrintedFact } from '@/emails/facts';

/** The printed facts of a room (E-1), as the database row holds them. */
export type PrintedFacts = Record<Exclude<PrintedFact, 'startsAt'>, string | number | null> & { startsAt: Date };

const comparable = (facts: PrintedFacts, fact: PrintedFact): string | number | null => {
  const value = facts[fact];
  if (value instanceof Date) return value.toISOString();
  return value === '' ? null : value;
};

/** E-3: the printed facts that differ between two states of a room, in the order the invitation prints them. */
export function printedFactChanges(before: PrintedFacts, after: PrintedFacts): FactChange[] {
  return PRINTED_FACTS.flatMap((fact) => {
    const [was, is] = [comparable(before, fact), comparable(after, fact)];
    return was === is ? [] : [{ fact, before: was, after: is }];
  });
}

/**
 * An update that never left (replaced by a newer change before it was sent) hands its changes on:
 * recipients read each fact from what they last saw to what it is now. A fact changed and changed
 * back drops out.
 */
export function mergeChanges(earlier: FactChange[], later: FactChange[]): FactChange[] {
  const merged = new Map<PrintedFact, FactChange>();
  for (const change of [...earlier, ...later]) {
    const first = merged.get(change.fact);
    merged.set(change.fact, { fact: change.fact, before: first ? first.before : change.before, after: change.after });
  }
  return PRINTED_FACTS.flatMap((fact) => {
    const change = merged.get(fact);
    return change && change.before !== change.after ? [change] : [];
  });
}
