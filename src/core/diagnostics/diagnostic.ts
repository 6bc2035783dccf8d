import { interpolate, type Lang, type Text } from '../text';
import { CATALOGUE, type DiagnosticCode } from './catalogue';

export type DiagnosticArg = string | number | Text;
export type DiagnosticArgs = Record<string, DiagnosticArg>;

/** A problem found in a document. Data, never thrown. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning' | 'info';
  /** The block it is about, when there is one. */
  block?: string;
  /** The port of that block, when there is one. */
  port?: string;
  /** Index of the link in `document.links`, when it is about a link. */
  link?: number;
  /** Where in the document, for problems found while parsing (`blocks[3].params`). */
  path?: string;
  /** English message and hint; `localize` renders other languages from `code` and `args`. */
  message: string;
  hint: string;
  args: DiagnosticArgs;
  /** A fix the editor can apply in one step: these parameter values on `block`. */
  fix?: { params: Record<string, unknown> };
}

/** What a block's inference returns when it cannot work: the compiler adds the block id. */
export type BlockIssue = Omit<Diagnostic, 'block' | 'message' | 'hint' | 'severity'> & {
  severity?: Diagnostic['severity'];
};

function render(template: Text, args: DiagnosticArgs, lang: Lang): string {
  const flat: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(args)) flat[k] = typeof v === 'object' ? v[lang] : v;
  return interpolate(template[lang], flat);
}

/** Builds a diagnostic from the catalogue. */
export function diagnostic(
  code: DiagnosticCode,
  args: DiagnosticArgs,
  where: { block?: string; port?: string; link?: number; path?: string; severity?: Diagnostic['severity'] } = {},
): Diagnostic {
  const entry = CATALOGUE[code];
  const d: Diagnostic = {
    code,
    severity: where.severity ?? entry.severity,
    message: render(entry.message, args, 'en'),
    hint: render(entry.hint, args, 'en'),
    args,
  };
  if (where.block !== undefined) d.block = where.block;
  if (where.port !== undefined) d.port = where.port;
  if (where.link !== undefined) d.link = where.link;
  if (where.path !== undefined) d.path = where.path;
  return d;
}

/** The message and hint in the user's language. */
export function localize(d: Diagnostic, lang: Lang): { message: string; hint: string } {
  const entry = CATALOGUE[d.code];
  return { message: render(entry.message, d.args, lang), hint: render(entry.hint, d.args, lang) };
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** One line per diagnostic, for the terminal. */
export function formatDiagnostic(d: Diagnostic, lang: Lang = 'en'): string {
  const { message, hint } = localize(d, lang);
  const where = d.block ? ` [${d.block}${d.port ? `.${d.port}` : ''}]` : d.path ? ` [${d.path}]` : '';
  return `${d.severity} ${d.code}${where}: ${message}\n  → ${hint}`;
}
