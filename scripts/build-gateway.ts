// Compiles the gateway into ES modules (dist/gateway.mjs plus lazily loaded chunks beside it,
// dependencies left as imports) so it runs on plain `node` rather than through tsx's loader.
// Measured with the bench fixture: about 48 MB less RSS at idle (tsx's loader thread is a second
// V8 isolate) and about a fifth more requests/s at c=64. Code splitting turns every dynamic
// import() of our own modules into a chunk loaded on first use, so what only the control plane
// or the durable worker needs (Prisma, the Temporal activity context) stays out of a gateway that
// only proxies: a single file hoisted their package imports to the top, loading them at start.
// It takes ~50 ms, so every start rebuilds it and it is never stale.
// CLI: `node --import tsx scripts/build-gateway.ts` (npm's `pregateway`, so `npm run gateway` builds first).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runMain, StartupError } from '../runtime/env.ts';
import { gatewayBundlePath, projectRoot } from '../runtime/paths.ts';

const outDir = path.dirname(gatewayBundlePath);
/** Chunks sit beside the entry: runtime/paths.ts finds the project root one level up from any of them. */
const CHUNK = /^gateway-[A-Z0-9]+\.mjs(\.map)?$/;
/** A chunk an older build wrote is kept this long: a gateway still running that build may load it later. */
const STALE_CHUNK_MS = 24 * 60 * 60 * 1000;

export async function buildGatewayBundle(): Promise<string> {
  let outputs: { path: string; contents: Uint8Array }[];
  try {
    const result = await build({
      entryPoints: { gateway: path.join(projectRoot, 'gateway', 'main.ts') },
      outdir: outDir,
      splitting: true,
      chunkNames: 'gateway-[hash]',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // node_modules stay external: they load as they would under tsx, native addons included.
      packages: 'external',
      sourcemap: true,
      write: false,
      logLevel: 'silent',
    });
    outputs = result.outputFiles;
  } catch (error) {
    throw new StartupError(`compiling the gateway failed:\n${error instanceof Error ? error.message : String(error)}`);
  }
  mkdirSync(outDir, { recursive: true });
  // Each file replaced by a rename: a gateway starting (or loading a chunk) meanwhile reads
  // either the old file or the new one, never a half-written one.
  for (const file of outputs) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  removeStaleChunks(new Set(outputs.map((file) => path.basename(file.path))));
  return gatewayBundlePath;
}

function removeStaleChunks(current: Set<string>): void {
  const now = Date.now();
  for (const name of readdirSync(outDir)) {
    if (!CHUNK.test(name) || current.has(name)) continue;
    const file = path.join(outDir, name);
    if (now - statSync(file).mtimeMs > STALE_CHUNK_MS) rmSync(file, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runMain(async () => {
    await buildGatewayBundle();
  });
}
