import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const SIMULATED_CALL_REQUESTS = ['place', 'keys', 'talk', 'hangup', 'heard'] as const;
export type SimulatedCallRequestKind = (typeof SIMULATED_CALL_REQUESTS)[number];

/**
 * `call place`, `call keys`, `call talk`, `call hangup`, `call heard` (issue 10 contract): the CLI
 * drives the callers of a sip process running on the simulated engine (SIP_ENGINE=simulated)
 * through this queue, as the web drives conferences through conference_commands. No tenant
 * column, unlike every other table: it is an operator's test tool, and which tenant a call
 * reaches is what the simulated call decides (its conference and participant rows carry it).
 */
export const simulatedCallRequests = pgTable(
  'simulated_call_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Null for `place`: any simulated sip process may take the call; then the one that took it.
    sipInstance: text('sip_instance'),
    kind: text('kind', { enum: SIMULATED_CALL_REQUESTS }).notNull(),
    callId: text('call_id'),
    args: jsonb('args').notNull().default({}),
    // `running` while a process works on it: a `place` lasts the whole menu, and holds no connection meanwhile.
    status: text('status', { enum: ['pending', 'running', 'done', 'failed'] }).notNull().default('pending'),
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('simulated_call_requests_pending').on(t.status, t.createdAt), index('simulated_call_requests_call').on(t.callId)],
);

export type SimulatedCallRequest = typeof simulatedCallRequests.$inferSelect;
