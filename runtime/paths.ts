// Well-known locations inside the repository, independent of the current directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// One level below the root both as source (runtime/paths.ts) and compiled (dist/gateway.mjs).
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the embedded default keeps its data unless SWITCHYARD_DATA_DIR says otherwise. */
export const defaultDataDir = path.join(projectRoot, '.switchyard');

export const uiDistDir = path.join(projectRoot, 'ui', 'dist');

/** The compiled gateway (scripts/build-gateway.ts). */
export const gatewayBundlePath = path.join(projectRoot, 'dist', 'gateway.mjs');

/**
 * V8 heap settings of the gateway. Under load V8 let the old generation grow to about four times
 * its live size before collecting it (the gateway's request-shaped garbage is promoted there).
 * A 4 MB semi-space (V8's default is 16 MB on 64-bit) bounds the young generation's share of RSS;
 * a growth factor of 1.5 holds the old generation near its live size, and one V8 worker thread
 * is enough for a gateway that is one core's worth of event loop (scale out, not up). The trade,
 * measured with `npm run bench` (same code, same day): semi-space 8 -> 4 took the gateway's RSS
 * after load from 121.7 to 109.9 MB and its c=64 requests/s from 0.60x to 0.575x the bare
 * proxy's; with the old growth factor of 2 the gateway needed ~150 MB.
 */
// package.json's `gateway` script repeats them.
export const gatewayHeapFlags = ['--max-semi-space-size=4', '--heap-growing-percent=50', '--v8-pool-size=1'];

/**
 * Environment defaults of the gateway process (the caller's own values win), applied by the
 * supervisor and the benches; the Dockerfile sets the same. glibc gives each thread that mallocs
 * its own arena and keeps freed memory in it: two arenas saved ~10 MB RSS.
 */
export const gatewayProcessEnv: Record<string, string> = { MALLOC_ARENA_MAX: '2' };

/**
 * How to run the compiled gateway. Without --enable-source-maps: with it Node parses and keeps
 * the source map of every module it loads, node_modules included (~4.5 MB RSS under load, bench
 * fixture), so stack traces name dist/gateway.mjs lines (each source file is headed by a
 * `// path.ts` comment there). NODE_OPTIONS=--enable-source-maps maps them back to the .ts files.
 */
export const gatewayNodeArgs = [...gatewayHeapFlags, gatewayBundlePath];
