// The worker bundles workflows from source (Temporal's webpack bundler understands TypeScript).
import { fileURLToPath } from 'node:url';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
