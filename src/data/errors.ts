/**
 * A problem with the user's data (a file, a table, a parameter that does not fit the files), found
 * while data is read. The message names the file, row and column; the hint says how to fix it. The
 * CLI prints both; the app shows both; neither shows a stack trace.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  constructor(
    message: string,
    readonly hint: string = '',
  ) {
    super(message);
  }
}

/** A short list for messages: `a, b, c and 4 more`. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
