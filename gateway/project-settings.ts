// What the hot path needs to know about a project besides its key: how much of each request to
// log, and the model catalog in force (the defaults plus its organisation's overrides). Loaded
// once per project, kept in memory, and dropped on NOTIFY when a setting changes anywhere.
import { defaultCatalog, withOverrides, type Catalog } from '../core/catalog.ts';
import type { PrismaClient } from '../db/client.ts';
import { CHANNELS, type PgListener } from './pg-listener.ts';

export type LogBodies = 'off' | 'metadata' | 'full';

export interface ProjectSettings {
  logBodies: LogBodies;
  catalog: Catalog;
}

export class ProjectSettingsCache {
  readonly #cache = new Map<string, Promise<ProjectSettings>>();
  #epoch = 0;

  constructor(
    private readonly prisma: Pick<PrismaClient, 'project'>,
    private readonly listener: PgListener,
    private readonly log: (line: string) => void = () => {},
  ) {
    listener.subscribe(CHANNELS.settingsChanged, (payload) => this.#onChange(payload));
    listener.onReset(() => this.clear());
  }

  get(projectId: string): Promise<ProjectSettings> {
    const cached = this.listener.listening ? this.#cache.get(projectId) : undefined;
    if (cached) return cached;
    const epoch = this.#epoch;
    const loading = this.#load(projectId);
    if (this.listener.listening) {
      this.#cache.set(projectId, loading);
      loading.then(
        () => { if (epoch !== this.#epoch) this.#cache.delete(projectId); },
        () => this.#cache.delete(projectId),
      );
    }
    return loading;
  }

  clear(): void {
    this.#epoch++;
    this.#cache.clear();
  }

  async #load(projectId: string): Promise<ProjectSettings> {
    const project = await this.prisma.project.findUniqueOrThrow({
      where: { id: projectId },
      select: { logBodies: true, organization: { select: { catalogOverrides: true } } },
    });
    let catalog = defaultCatalog;
    if (project.organization.catalogOverrides) {
      try {
        catalog = withOverrides(defaultCatalog, project.organization.catalogOverrides);
      } catch (error) {
        // Overrides are validated when saved; a bad stored value must not take the project down.
        this.log(`project ${projectId}: ignoring invalid catalog overrides: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { logBodies: project.logBodies, catalog };
  }

  /**
   * Catalog overrides are per organisation, so one change may touch many projects; settings
   * change rarely, so dropping everything (each project reloads on its next request) is simplest.
   */
  #onChange(_payload: string): void {
    this.clear();
  }
}
