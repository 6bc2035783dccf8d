import { CodedError } from '../core/diagnostics/coded-error';
import type { DiagnosticCode } from '../core/diagnostics/catalogue';
import type { DiagnosticArgs } from '../core/diagnostics/diagnostic';

/**
 * A problem with the user's data (a file, a table, a parameter that does not fit the files), found
 * while data is read. The message names the file, row and column; the hint says how to fix it. The
 * CLI prints both; the app shows both; neither shows a stack trace. Coded J701 (the reader's own words)
 * unless a subclass gives a catalogue code with text in every language.
 */
export class DataError extends CodedError {
  override name = 'DataError';
  constructor(message: string, hint?: string, coded?: { code: DiagnosticCode; args: DiagnosticArgs }) {
    super(coded?.code ?? 'J701', coded?.args ?? { detail: message, fix: hint ?? '' }, hint ?? '');
    if (coded) this.message = message;
  }
}

/** A short list for messages: `a, b, c and 4 more`. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
