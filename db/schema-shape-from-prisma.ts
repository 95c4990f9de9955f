// Turns schema.prisma into the SchemaShape that Prisma Migrate would create for it on Postgres,
// using the DMMF from @prisma/prisma-schema-wasm (the same build the Prisma CLI uses; offline).
// Covers the features this project uses: native types, @map/@@map, @default(now() | dbgenerated
// | literals | enum values), @id/@unique/@@unique/@@index (with sort order) and relations with
// referential actions, following Prisma's default constraint names.
import schemaWasm from '@prisma/prisma-schema-wasm';
import type { ColumnShape, SchemaShape, TableShape } from './schema-shape.ts';

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: Array<{ name: string; dbName: string | null }>;
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: Array<{ name: string; sortOrder?: 'asc' | 'desc' }>;
}
export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

export function datamodelFromSchema(prismaSchema: string): Datamodel {
  const dmmf = JSON.parse(schemaWasm.get_dmmf(JSON.stringify({ prismaSchema }))) as { datamodel: Datamodel };
  return dmmf.datamodel;
}

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => 'uuid',
  Text: () => 'text',
  VarChar: (a) => (a.length ? `character varying(${a[0]})` : 'character varying'),
  Char: (a) => `character(${a[0] ?? 1})`,
  Timestamptz: (a) => `timestamp(${a[0] ?? 6}) with time zone`,
  Timestamp: (a) => `timestamp(${a[0] ?? 6}) without time zone`,
  Date: () => 'date',
  Decimal: (a) => (a.length ? `numeric(${a.join(',')})` : 'numeric'),
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  DoublePrecision: () => 'double precision',
  Real: () => 'real',
  Boolean: () => 'boolean',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  ByteA: () => 'bytea',
};
/** What Prisma picks on Postgres when a field has no @db attribute. */
const DEFAULT_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const ACTIONS: Record<string, string> = { Cascade: 'CASCADE', SetNull: 'SET NULL', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetDefault: 'SET DEFAULT' };

export function schemaShapeFromDatamodel(datamodel: Datamodel): SchemaShape {
  const shape: SchemaShape = { tables: {}, enums: {} };
  const enumTypes = new Map(datamodel.enums.map((e) => [e.name, e]));
  for (const e of datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  const tableOf = (modelName: string) => {
    const model = datamodel.models.find((m) => m.name === modelName);
    if (!model) throw new Error(`unknown model ${modelName}`);
    return model.dbName ?? model.name;
  };
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`unknown field ${model.name}.${fieldName}`);
    return field.dbName ?? field.name;
  };

  for (const model of datamodel.models) {
    const table: TableShape = { columns: {}, indexes: {}, foreignKeys: {} };
    const tableName = model.dbName ?? model.name;
    shape.tables[tableName] = table;
    for (const field of model.fields) {
      if (field.kind === 'object') {
        const from = field.relationFromFields ?? [];
        if (!from.length) continue;
        const columns = from.map((f) => columnOf(model, f));
        const target = datamodel.models.find((m) => m.name === field.type);
        if (!target) throw new Error(`unknown model ${field.type}`);
        const required = from.every((f) => model.fields.find((x) => x.name === f)?.isRequired);
        table.foreignKeys[`${tableName}_${columns.join('_')}_fkey`] = {
          columns,
          referencedTable: tableOf(field.type),
          referencedColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
          onDelete: ACTIONS[field.relationOnDelete ?? (required ? 'Restrict' : 'SetNull')] ?? '?',
          onUpdate: ACTIONS[field.relationOnUpdate ?? 'Cascade'] ?? '?',
        };
        continue;
      }
      table.columns[field.dbName ?? field.name] = columnShape(field, enumTypes);
    }
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => columnOf(model, f.name) + (f.sortOrder === 'desc' ? ' DESC' : ''));
      const plain = index.fields.map((f) => columnOf(model, f.name)).join('_');
      const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
      const name = index.dbName ?? (index.type === 'id' ? `${tableName}_pkey` : `${tableName}_${plain}_${suffix}`);
      table.indexes[name] = { primary: index.type === 'id', unique: index.type !== 'normal', columns };
    }
  }
  return shape;
}

function columnShape(field: DmmfField, enums: Map<string, DmmfEnum>): ColumnShape {
  const enumType = field.kind === 'enum' ? enums.get(field.type) : undefined;
  let type: string;
  if (enumType) type = enumType.dbName ?? enumType.name;
  else if (field.nativeType) {
    const [name, args] = field.nativeType;
    const make = NATIVE_TYPES[name];
    if (!make) throw new Error(`schema drift check: native type @db.${name} is not supported yet (field ${field.name})`);
    type = make(args);
  } else type = DEFAULT_TYPES[field.type] ?? `unknown:${field.type}`;
  if (field.isList) type += '[]';
  return { type, nullable: !field.isRequired, default: defaultExpression(field, type, enumType) };
}

/** The default as pg_get_expr() prints it; null for none or for client-side defaults (uuid(), cuid()…). */
function defaultExpression(field: DmmfField, type: string, enumType: DmmfEnum | undefined): string | null {
  const value = field.default;
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && 'name' in value) {
    const fn = value as { name: string; args: unknown[] };
    if (fn.name === 'now') return 'CURRENT_TIMESTAMP';
    if (fn.name === 'dbgenerated') return String(fn.args[0] ?? '');
    if (fn.name === 'autoincrement') return 'autoincrement()';
    return null;
  }
  const castType = type.replace(/\(.*\)/, '');
  if (enumType) {
    const dbValue = enumType.values.find((v) => v.name === value)?.dbName ?? String(value);
    return `'${dbValue.replace(/'/g, "''")}'::${castType}`;
  }
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'::${castType}`;
}
