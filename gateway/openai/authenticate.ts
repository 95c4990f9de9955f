// Project API keys on /v1: `Authorization: Bearer sy_live_…` (or `api-key`, as Azure-style
// clients send), verified through the in-memory key cache.
import type { IncomingMessage } from 'node:http';
import { header } from './http-io.ts';
import { OpenAiHttpError, invalidApiKey } from './openai-error.ts';

export interface AuthenticatedKey {
  keyId: string;
  projectId: string;
  orgId: string;
  projectSlug: string;
}

export type Authenticate = (secret: string) => Promise<AuthenticatedKey | undefined>;

export async function authenticateProject(req: IncomingMessage, authenticate: Authenticate): Promise<AuthenticatedKey> {
  const secret = header(req, 'authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? header(req, 'api-key');
  if (!secret) throw invalidApiKey('You didn\'t provide an API key. Send a project API key as "Authorization: Bearer sy_live_…".');
  if (secret.startsWith('sy_admin_')) {
    throw new OpenAiHttpError(403, 'permission_error', 'Admin tokens manage Switchyard through /api/v1; /v1 takes a project API key (sy_live_…).', 'admin_token_not_allowed');
  }
  const key = await authenticate(secret);
  if (!key) throw invalidApiKey();
  // A client may name the project it means; a key of another project is refused, not rerouted.
  const project = header(req, 'x-switchyard-project');
  if (project && project !== key.projectSlug && project !== key.projectId) {
    throw new OpenAiHttpError(403, 'permission_error', `This API key belongs to project "${key.projectSlug}", not "${project}".`, 'wrong_project');
  }
  return key;
}
