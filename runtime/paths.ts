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
 * An 8 MB semi-space keeps scavenges rare enough that few requests span two (and get promoted);
 * a growth factor of 1.5 holds the old generation near its live size, and one V8 worker thread
 * is enough for a gateway that is one core's worth of event loop (scale out, not up). Measured
 * with the bench fixture at c=64 after the per-request garbage was cut to ~70 KB: peak RSS
 * ~150 MB -> ~123 MB (with MALLOC_ARENA_MAX below) at no measurable cost in requests/s; with
 * the old growth factor of 2 the same code needed ~150 MB.
 */
// package.json's `gateway` script repeats them.
export const gatewayHeapFlags = ['--max-semi-space-size=8', '--heap-growing-percent=50', '--v8-pool-size=1'];

/**
 * Environment defaults of the gateway process (the caller's own values win), applied by the
 * supervisor and the benches; the Dockerfile sets the same. glibc gives each thread that mallocs
 * its own arena and keeps freed memory in it: two arenas saved ~10 MB RSS.
 */
export const gatewayProcessEnv: Record<string, string> = { MALLOC_ARENA_MAX: '2' };

/** How to run the compiled gateway: source maps keep stack traces pointing at the .ts files. */
export const gatewayNodeArgs = [...gatewayHeapFlags, '--enable-source-maps', gatewayBundlePath];
