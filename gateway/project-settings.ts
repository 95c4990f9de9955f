// What the hot path needs to know about a project besides its key: how much of each request to
// log, and the model catalog in force (the defaults plus its organisation's overrides). Loaded
// once per project, kept in memory, and dropped on NOTIFY when a setting changes anywhere.
import { defaultCatalog, withOverrides, type Catalog } from '../core/catalog.ts';
import type { SqlClient } from '../db/sql.ts';
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
    private readonly db: SqlClient,
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
    const { rows } = await this.db.query<{ log_bodies: LogBodies; catalog_overrides: unknown }>(
      'SELECT p.log_bodies, o.catalog_overrides FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1',
      [projectId],
    );
    const project = rows[0];
    if (!project) throw new Error(`project ${projectId} does not exist`);
    let catalog = defaultCatalog;
    if (project.catalog_overrides) {
      try {
        catalog = withOverrides(defaultCatalog, project.catalog_overrides);
      } catch (error) {
        // Overrides are validated when saved; a bad stored value must not take the project down.
        this.log(`project ${projectId}: ignoring invalid catalog overrides: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { logBodies: project.log_bodies, catalog };
  }

  /**
   * Catalog overrides are per organisation, so one change may touch many projects; settings
   * change rarely, so dropping everything (each project reloads on its next request) is simplest.
   */
  #onChange(_payload: string): void {
    this.clear();
  }
}
