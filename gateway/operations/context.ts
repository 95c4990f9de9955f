// What a handler gets besides its input: the database, the caller, and access checks. Access is
// checked on every operation: for paths with {project} the router resolves the project and checks
// the operation's role before the handler runs; other handlers call authorizeOrg() themselves once
// they know which organisation owns the target, and the router fails any handler that did neither.
import type { Catalog } from '../../core/catalog.ts';
import type { PrismaClient } from '../../db/client.ts';
import type { Actor } from '../audit.ts';
import { ApiError } from '../errors.ts';
import { roleAtLeast, type Role } from './operation.ts';
import type { ProviderHealthService } from '../provider-health/health-service.ts';
import type { MasterKey } from '../security/credential-cipher.ts';

export interface AdminCaller extends Actor {
  userId: string;
  /** The caller's role in each organisation they belong to. */
  roles: ReadonlyMap<string, Role>;
}

export interface ProjectScope {
  id: string;
  orgId: string;
  slug: string;
}

export interface OperationServices {
  prisma: PrismaClient;
  /** Server pepper for API key hashes (SWITCHYARD_KEY_PEPPER). */
  pepper: string;
  catalog: Catalog;
  /** The gateway's provider health (absent in tests that build a bare router). */
  providerHealth?: ProviderHealthService;
  /** Encrypts provider credentials (SWITCHYARD_MASTER_KEY); without it they cannot be written. */
  masterKey?: MasterKey;
}

export class OperationContext {
  #project: ProjectScope | undefined;
  #authorized = false;

  constructor(
    readonly services: OperationServices,
    readonly caller: AdminCaller,
    readonly requiredRole: Role,
  ) {}

  get prisma(): PrismaClient {
    return this.services.prisma;
  }

  get authorized(): boolean {
    return this.#authorized;
  }

  /** The project named by the path, already access-checked. */
  get project(): ProjectScope {
    if (!this.#project) throw new Error('operation has no {project} in its path');
    return this.#project;
  }

  setProject(project: ProjectScope): void {
    this.authorizeOrg(project.orgId, 'project');
    this.#project = project;
  }

  /**
   * For resources shared by every organisation (provider health): the caller needs the role in
   * at least one of them.
   */
  authorizeAnyOrg(): void {
    if (![...this.caller.roles.values()].some((role) => roleAtLeast(role, this.requiredRole))) {
      throw new ApiError(403, 'forbidden', `This operation needs the ${this.requiredRole} role in an organisation`);
    }
    this.#authorized = true;
  }

  /**
   * Checks the caller's role in `orgId`. Non-members get 404 (not 403) so that ids of other
   * organisations' resources are not confirmed to exist.
   */
  authorizeOrg(orgId: string, what = 'resource'): void {
    const role = this.caller.roles.get(orgId);
    if (role === undefined) throw new ApiError(404, 'not_found', `No such ${what}`);
    if (!roleAtLeast(role, this.requiredRole)) {
      throw new ApiError(403, 'forbidden', `This operation needs the ${this.requiredRole} role; you are ${role}`);
    }
    this.#authorized = true;
  }
}
