// **toFtsQuery** turns what a person typed into a safe FTS5 MATCH expression: every word must match, as a prefix.

/**
 * Words are quoted, so FTS5 operators and column filters typed by a user (`AND`, `title:`, `*`, `"`) are
 * plain text and can never change the query's structure. Each word matches as a prefix ("segment" finds
 * "segmentation"); all words must occur somewhere in the record (AND).
 */
export function toFtsQuery(text: string): string | undefined {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return undefined;
  return words.slice(0, 32).map((w) => `"${w}"*`).join(' ');
}
