import type { Lang } from '../text';
import type { DiagnosticCode } from './catalogue';
import { diagnostic, localize, type DiagnosticArgs } from './diagnostic';

/** What crosses a worker boundary or reaches the UI: a catalogue code and its arguments. */
export interface CodedErrorData {
  code: DiagnosticCode;
  args: DiagnosticArgs;
}

/**
 * An error thrown by the runtime, the worker or a reader, with a code from the diagnostics catalogue:
 * programs tell errors apart by `diagnostic.code` (never by their English text), and the UI renders
 * the message and hint in the user's language from the code and its arguments. `message` and `hint`
 * are the English text, for the terminal and logs.
 */
export class CodedError extends Error {
  override name = 'CodedError';
  readonly diagnostic: CodedErrorData;
  readonly hint: string;
  constructor(code: DiagnosticCode, args: DiagnosticArgs = {}, hint?: string) {
    const d = diagnostic(code, args);
    super(d.message.trim());
    this.diagnostic = { code, args };
    this.hint = hint ?? d.hint;
  }
}

/** The message and hint of a coded error in the user's language. */
export function localizeError(e: CodedErrorData, lang: Lang): { message: string; hint: string } {
  const { message, hint } = localize(diagnostic(e.code, e.args), lang);
  return { message: message.trim(), hint: hint.trim() };
}
