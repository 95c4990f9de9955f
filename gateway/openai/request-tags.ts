// Tags for cost attribution and rules: the request's OpenAI `metadata` plus the
// `x-switchyard-tags` header ("team=search,tier=free"); the header wins on a clash.
import { invalidRequest } from './openai-error.ts';

const TAG = /^[A-Za-z0-9_.:-]{1,64}$/;

export function requestTags(metadata: Record<string, string> | null | undefined, header: string | undefined): Record<string, string> {
  const tags: Record<string, string> = { ...(metadata ?? {}) };
  if (!header) return tags;
  for (const pair of header.split(',')) {
    const trimmed = pair.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    const key = eq < 0 ? '' : trimmed.slice(0, eq).trim();
    const value = eq < 0 ? '' : trimmed.slice(eq + 1).trim();
    if (!TAG.test(key) || value.length === 0 || value.length > 512) {
      throw invalidRequest(`x-switchyard-tags: "${trimmed}" is not key=value (keys: 1-64 letters, digits, _ . : -)`, 'x-switchyard-tags');
    }
    tags[key] = value;
  }
  return tags;
}
