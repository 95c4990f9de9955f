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
 * its live size before collecting it (the gateway's request-shaped garbage is promoted there);
 * a growth factor of 2 and an 8 MB semi-space held peak RSS at c=64 near 150 MB instead of
 * ~230 MB with no measurable loss of throughput (bench fixture, three alternating repeats).
 * Stricter settings (factor 1.5, 1.4) reached 130 MB but cost 10-15% of requests/s.
 */
// package.json's `gateway` script repeats them.
export const gatewayHeapFlags = ['--max-semi-space-size=8', '--heap-growing-percent=100'];

/** How to run the compiled gateway: source maps keep stack traces pointing at the .ts files. */
export const gatewayNodeArgs = [...gatewayHeapFlags, '--enable-source-maps', gatewayBundlePath];
