// The activity half of the diagnostics workflow: a real query against Postgres through Prisma.
import type { ActivityDeps } from './index.ts';

export function createDiagnosticsActivities({ prisma, workerIdentity }: ActivityDeps) {
  return {
    async checkDatabase(): Promise<{ postgresVersion: string; workerIdentity: string; databaseTime: string }> {
      const rows = await (await prisma()).$queryRaw<Array<{ version: string; now: Date }>>`SELECT current_setting('server_version') AS version, now() AS now`;
      const row = rows[0];
      if (!row) throw new Error('SELECT returned no row');
      return { postgresVersion: row.version, workerIdentity, databaseTime: row.now.toISOString() };
    },
  };
}
