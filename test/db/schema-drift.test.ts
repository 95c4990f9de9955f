// Fails when prisma/schema.prisma and prisma/migrations disagree: the schema Prisma would create
// (from the DMMF) is compared with a database built from the migration files alone.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { generatedClientDir, schemaPath } from '../../db/generate-client.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { diffSchemaShapes, type SchemaShape } from '../../db/schema-shape.ts';
import { schemaShapeFromDatabase } from '../../db/schema-shape-from-database.ts';
import { datamodelFromSchema, schemaShapeFromDatamodel } from '../../db/schema-shape-from-prisma.ts';
import { withDatabaseServer, type TestDatabaseServer } from '../helpers/database.ts';

describe('schema.prisma vs migrations', () => {
  let server: TestDatabaseServer;
  let migrated: SchemaShape;
  let schemaText: string;
  before(async () => {
    server = await withDatabaseServer();
    const url = await server.createDatabase();
    await applyMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    migrated = await schemaShapeFromDatabase(client).finally(() => client.end());
    schemaText = await readFile(schemaPath, 'utf8');
  });
  after(async () => {
    await server.close();
  });

  test('the migrated database matches schema.prisma exactly', () => {
    const expected = schemaShapeFromDatamodel(datamodelFromSchema(schemaText));
    assert.ok(Object.keys(expected.tables).length >= 10, 'the schema should model at least ten tables');
    assert.deepEqual(diffSchemaShapes(expected, migrated), []);
  });

  test('detects a changed column, a dropped index, a new model and a changed relation', () => {
    const altered = schemaText
      .replace('slug      String   @unique @db.VarChar(64)', 'slug      String   @unique @db.VarChar(80)')
      .replace('  @@index([prefix])\n', '')
      .replace('onDelete: SetNull)\n\n  @@index([projectId])', 'onDelete: Cascade)\n\n  @@index([projectId])')
      .replace('  cancelled\n', '  cancelled\n  timeout\n')
      .concat('\nmodel Budget {\n  id String @id @db.Uuid\n\n  @@map("budgets")\n}\n');
    assert.notEqual(altered, schemaText);
    const problems = diffSchemaShapes(schemaShapeFromDatamodel(datamodelFromSchema(altered)), migrated);
    const expectations = [
      /organizations\.slug: type is "character varying\(64\)" in the database, "character varying\(80\)"/,
      /index api_keys_prefix_idx: |index of api_keys: api_keys_prefix_idx is in the database but not in schema\.prisma/,
      /foreign key api_keys_created_by_fkey/,
      /enum request_status/,
      /table budgets is in schema\.prisma but not in the database/,
    ];
    for (const expectation of expectations) assert.ok(problems.some((p) => expectation.test(p)), `expected a problem matching ${expectation}; got:\n${problems.join('\n')}`);
  });

  test('detects a changed default and nullability', () => {
    const altered = schemaText
      .replace('stream          Boolean       @default(false)', 'stream          Boolean       @default(true)')
      .replace('ttftMs          Int?', 'ttftMs          Int');
    const problems = diffSchemaShapes(schemaShapeFromDatamodel(datamodelFromSchema(altered)), migrated);
    assert.ok(problems.some((p) => p.startsWith('request_logs.stream: default')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('request_logs.ttft_ms: nullable')), problems.join('\n'));
  });

  test('the generated client directory is the one the schema names', () => {
    assert.match(schemaText, /output\s*=\s*"\.\.\/generated\/prisma"/);
    assert.ok(generatedClientDir.endsWith('generated/prisma'));
  });
});
