import postgres from 'postgres';

/**
 * Every row the tenant owns, from every table with a tenant_id column (found in the catalogue, so
 * a table added later is covered without editing this), plus the tenant row itself.
 */
export async function tenantSnapshot(url: string, tenantId: string): Promise<Record<string, readonly unknown[]>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ table_name: string }[]>`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'tenant_id' order by table_name`;
    const snapshot: Record<string, readonly unknown[]> = {
      tenants: await sql`select * from tenants where id = ${tenantId}`,
    };
    for (const { table_name } of tables)
      snapshot[table_name] = await sql`select * from ${sql(table_name)} where tenant_id = ${tenantId} order by 1`;
    return JSON.parse(JSON.stringify(snapshot));
  } finally {
    await sql.end({ timeout: 5 });
  }
}
