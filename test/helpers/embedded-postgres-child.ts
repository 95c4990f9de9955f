// Started by test/db/embedded-postgres.test.ts as a separate process that is then SIGKILLed, to
// leave a Postgres server running without its owner (as a crash would).
import { startEmbeddedPostgres } from '../../db/embedded-postgres.ts';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: embedded-postgres-child.ts <dataDir> <port>');
await startEmbeddedPostgres({ dataDir, port: Number(port) });
process.stdout.write('ready\n');
setInterval(() => {}, 1_000);
