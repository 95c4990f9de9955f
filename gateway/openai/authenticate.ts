// Project API keys on /v1: `Authorization: Bearer sy_live_…` (or `api-key`, as Azure-style
// clients send), verified through the in-memory key cache.
import type { Request } from 'express';
import { invalidApiKey } from './openai-error.ts';

export interface AuthenticatedKey {
  keyId: string;
  projectId: string;
  orgId: string;
}

export type Authenticate = (secret: string) => Promise<AuthenticatedKey | undefined>;

export async function authenticateProject(req: Request, authenticate: Authenticate): Promise<AuthenticatedKey> {
  const header = req.get('authorization');
  const secret = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? req.get('api-key');
  if (!secret) throw invalidApiKey('You didn\'t provide an API key. Send a project API key as "Authorization: Bearer sy_live_…".');
  const key = await authenticate(secret);
  if (!key) throw invalidApiKey();
  return key;
}
