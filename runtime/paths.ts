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

/** How to run the compiled gateway: source maps keep stack traces pointing at the .ts files. */
export const gatewayNodeArgs = ['--enable-source-maps', gatewayBundlePath];
