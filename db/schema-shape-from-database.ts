// Reads the live schema (current_schema()) from pg_catalog into a SchemaShape.
import type pg from 'pg';
import type { ForeignKeyShape, SchemaShape, TableShape } from './schema-shape.ts';

const REFERENTIAL_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
/** Bookkeeping tables that are not part of the application schema. */
const IGNORED_TABLES = new Set(['_prisma_migrations']);

export async function schemaShapeFromDatabase(client: pg.Client | pg.PoolClient): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {}, enums: {} };
  const table = (name: string): TableShape => (shape.tables[name] ??= { columns: {}, indexes: {}, foreignKeys: {} });

  const columns = await client.query<{ table: string; column: string; type: string; notnull: boolean; default: string | null }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`);
  for (const row of columns.rows) {
    if (IGNORED_TABLES.has(row.table)) continue;
    table(row.table).columns[row.column] = { type: row.type, nullable: !row.notnull, default: row.default };
  }

  const indexes = await client.query<{ table: string; name: string; primary: boolean; unique: boolean; columns: string[] }>(`
    SELECT t.relname AS table, i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique,
           array(
             SELECT a.attname::text || CASE WHEN (ix.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END
             FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
             ORDER BY k.ord
           ) AS columns
    FROM pg_index ix
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema()`);
  for (const row of indexes.rows) {
    if (IGNORED_TABLES.has(row.table)) continue;
    table(row.table).indexes[row.name] = { primary: row.primary, unique: row.unique, columns: row.columns };
  }

  const foreignKeys = await client.query<{ table: string; name: string; columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string; on_update: string }>(`
    SELECT t.relname AS table, con.conname AS name, rt.relname AS ref_table,
           array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
           con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
    FROM pg_constraint con
    JOIN pg_class t ON t.oid = con.conrelid
    JOIN pg_class rt ON rt.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND con.contype = 'f'`);
  for (const row of foreignKeys.rows) {
    if (IGNORED_TABLES.has(row.table)) continue;
    const fk: ForeignKeyShape = {
      columns: row.columns,
      referencedTable: row.ref_table,
      referencedColumns: row.ref_columns,
      onDelete: REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
    };
    table(row.table).foreignKeys[row.name] = fk;
  }

  const enums = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname::text AS name, array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema() AND t.typtype = 'e'`);
  for (const row of enums.rows) shape.enums[row.name] = row.values;
  return shape;
}
