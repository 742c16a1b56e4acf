import { db, type Db } from './client';

/**
 * A query built and prepared once per connection pool. On the hot paths of the API (the bearer
 * lookup, the rooms list) drizzle's query building costs more than PostgreSQL takes to answer.
 * Keyed by pool because tests and the launcher may open a new one.
 */
export function preparedOnce<Q>(build: (database: Db) => Q): () => Q {
  const cache = new WeakMap<Db, Q>();
  return () => {
    const database = db();
    let query = cache.get(database);
    if (!query) {
      query = build(database);
      cache.set(database, query);
    }
    return query;
  };
}
