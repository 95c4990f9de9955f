// Started by test/supervisor/start-stop.test.ts as a separate process that starts a stack and is
// then SIGKILLed, to leave the stack without the process that started it (a test or bench run
// killed half-way).
import { startTestStack } from './stack.ts';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: stack-holder-child.ts <dataDir>');
const stack = await startTestStack({ dataDir });
process.stdout.write(`ready ${stack.info.gatewayUrl}\n`);
setInterval(() => {}, 1_000);
