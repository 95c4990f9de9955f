// Token arithmetic. Real tokenizers are not needed: ~4 characters per token is the usual rule of
// thumb, and it keeps usage figures realistic enough for cost and budget tests.

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Splits output text into token-sized pieces (leading whitespace + up to 4 characters) such that
 * pieces.join('') === text. Streams emit one piece per delta, and completion tokens = pieces.
 */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S{1,4}|\s+/g) ?? [];
}
