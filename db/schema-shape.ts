// A database schema reduced to what must agree between schema.prisma and the migrations:
// tables, columns (type, nullability, default), indexes (incl. primary keys and uniques),
// foreign keys (with referential actions) and enums. Both sides are turned into this shape
// (db/schema-shape-from-prisma.ts, db/schema-shape-from-database.ts) and compared here.

export interface ColumnShape {
  /** As Postgres's format_type() prints it, e.g. "timestamp(6) with time zone". */
  type: string;
  nullable: boolean;
  /** As pg_get_expr() prints it, e.g. "CURRENT_TIMESTAMP", "'{}'::jsonb"; null when none. */
  default: string | null;
}

export interface IndexShape {
  primary: boolean;
  unique: boolean;
  /** Column names, with " DESC" appended for descending keys. */
  columns: string[];
}

export interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  indexes: Record<string, IndexShape>;
  foreignKeys: Record<string, ForeignKeyShape>;
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
}

/** Human-readable differences; empty when the two shapes agree. */
export function diffSchemaShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const problems: string[] = [];
  diffKeys('enum', expected.enums, actual.enums, problems, (name, want, got) => {
    if (want.join(',') !== got.join(',')) problems.push(`enum ${name}: values [${got.join(', ')}] in the database, [${want.join(', ')}] in schema.prisma`);
  });
  diffKeys('table', expected.tables, actual.tables, problems, (table, want, got) => {
    diffKeys(`column of ${table}:`, want.columns, got.columns, problems, (column, w, g) => {
      for (const property of ['type', 'nullable', 'default'] as const) {
        if (w[property] !== g[property]) {
          problems.push(`${table}.${column}: ${property} is ${show(g[property])} in the database, ${show(w[property])} in schema.prisma`);
        }
      }
    });
    diffKeys(`index of ${table}:`, want.indexes, got.indexes, problems, (index, w, g) => {
      if (JSON.stringify(w) !== JSON.stringify(g)) problems.push(`index ${index}: ${JSON.stringify(g)} in the database, ${JSON.stringify(w)} in schema.prisma`);
    });
    diffKeys(`foreign key of ${table}:`, want.foreignKeys, got.foreignKeys, problems, (fk, w, g) => {
      if (JSON.stringify(w) !== JSON.stringify(g)) problems.push(`foreign key ${fk}: ${JSON.stringify(g)} in the database, ${JSON.stringify(w)} in schema.prisma`);
    });
  });
  return problems;
}

function diffKeys<T>(
  what: string,
  expected: Record<string, T>,
  actual: Record<string, T>,
  problems: string[],
  compare: (name: string, want: T, got: T) => void,
): void {
  for (const name of Object.keys(expected).sort()) {
    const got = actual[name];
    if (got === undefined) problems.push(`${what} ${name} is in schema.prisma but not in the database`);
    else compare(name, expected[name] as T, got);
  }
  for (const name of Object.keys(actual).sort()) {
    if (!(name in expected)) problems.push(`${what} ${name} is in the database but not in schema.prisma`);
  }
}

function show(value: unknown): string {
  return value === null ? 'none' : JSON.stringify(value);
}
