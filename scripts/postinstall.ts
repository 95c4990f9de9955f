// Runs after `npm install`: everything the two README commands need beyond node_modules.
import { runMain } from '../runtime/env.ts';
import { prepareBuildOutputs } from './prepare.ts';

runMain(async () => {
  await prepareBuildOutputs((line) => console.log(`switchyard: ${line}`));
});
