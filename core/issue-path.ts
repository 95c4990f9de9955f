// One readable spelling of a field path for every validation message we return:
// ["attempts", 0, "model"] → "attempts[0].model".
export type FieldIssue = { path: string; message: string };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/**
 * Flattens zod issues into {path, message}. An unknown key becomes one issue per key whose path
 * names the key itself ("attempts[0].timeout" rather than "attempts[0]").
 */
export function toFieldIssues(issues: readonly IssueLike[], prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({ path: formatPath([...prefix, ...issue.path, key]), message: `unknown field "${key}"` }));
    }
    return [{ path: formatPath([...prefix, ...issue.path]) || '(root)', message: issue.message }];
  });
}
