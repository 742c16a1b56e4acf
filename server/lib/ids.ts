/**
 * The exact shape PostgreSQL accepts for a uuid column; anything else would make the query
 * fail with 500 instead of answering "not found" (T-1, Q-5).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);
