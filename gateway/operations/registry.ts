// Every REST operation, in one list: the router, the OpenAPI document and the MCP tools read it.
import { apiKeyOperations } from './api-keys.ts';
import { catalogOperations } from './catalog.ts';
import { credentialOperations } from './credentials.ts';
import { projectOperations } from './projects.ts';
import { configOperations } from './configs.ts';
import type { Operation } from './operation.ts';
import { requestOperations } from './requests.ts';
import { providerHealthOperations } from './provider-health.ts';
import { experimentOperations } from './experiments.ts';

export const operations: readonly Operation[] = [...projectOperations, ...configOperations, ...apiKeyOperations, ...requestOperations, ...catalogOperations, ...credentialOperations, ...providerHealthOperations, ...experimentOperations] as unknown as readonly Operation[];
