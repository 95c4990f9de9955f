// The embedded default's secrets: generated on first start, kept in the data folder (mode 0600)
// so that a second start reuses them. Environment values, when set, take precedence.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { generateAdminToken, generateApiKey } from '../gateway/security/api-keys.ts';
import { StartupError } from './env.ts';

const LocalSecrets = z.object({
  adminToken: z.string().min(32),
  demoApiKey: z.string().min(32),
  masterKey: z.string().min(1),
  keyPepper: z.string().min(32),
});
export type LocalSecrets = z.infer<typeof LocalSecrets>;

export async function loadOrCreateLocalSecrets(
  dataDir: string,
  overrides: Partial<LocalSecrets>,
): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  let stored: LocalSecrets;
  if (existsSync(file)) {
    const parsed = LocalSecrets.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) throw new StartupError(`${file} is damaged (${parsed.error.issues[0]?.message}); remove it to generate new secrets`);
    stored = parsed.data;
  } else {
    stored = {
      adminToken: generateAdminToken(),
      demoApiKey: generateApiKey(),
      masterKey: randomBytes(32).toString('base64'),
      keyPepper: randomBytes(32).toString('base64url'),
    };
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...stored, ...defined };
}
