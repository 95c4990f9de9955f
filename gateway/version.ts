// The running Switchyard version, read once from package.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../runtime/paths.ts';

export const switchyardVersion: string = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
