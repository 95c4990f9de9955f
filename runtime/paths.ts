// Well-known locations inside the repository, independent of the current directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the embedded default keeps its data unless SWITCHYARD_DATA_DIR says otherwise. */
export const defaultDataDir = path.join(projectRoot, '.switchyard');

export const uiDistDir = path.join(projectRoot, 'ui', 'dist');
