// Preloaded into a process under test (`node --import <this file>`): on SIGUSR2 it prints one line,
// `loaded packages: ["pg","undici",…]`, naming every package in node_modules whose CommonJS
// modules the process has loaded so far. Prisma's runtime, the Temporal SDK and the gateway's
// other dependencies are CommonJS, so this sees them however they were reached (import() included).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//;

process.on('SIGUSR2', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const name = PACKAGE.exec(file)?.[1];
    if (name) names.add(name);
  }
  process.stdout.write(`loaded packages: ${JSON.stringify([...names].sort())}\n`);
});
