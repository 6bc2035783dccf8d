import type { AuditEntry } from './deidentify';

/** What de-identification did to one attribute, in the words the audit log view shows. */
export type AuditAction = 'removed' | 'emptied' | 'replaced' | 'uid' | 'kept';

/** One row of a dataset's audit log: never the old value, only what was done and, for a replacement, the new one. */
export interface AuditRow {
  /** The imported file. */
  file: string;
  /** "(0010,0010)", or "" for the file preamble. */
  tag: string;
  /** The attribute's name where it sits: "ReferencedImageSequence[0] > PatientName". */
  name: string;
  action: AuditAction;
  /** The new value of a replaced attribute, when known. */
  value: string;
  /** Why: the reason an attribute was kept, the profile rule that applied, "private attribute". */
  note: string;
}

/** The log as the datasets database stores it: each file with its entries. */
export type StoredAudit = readonly { path: string; entries: readonly AuditEntry[] }[];

const PSEUDONYM_DETAIL = 'replaced by the patient pseudonym';
const ACTIONS: Record<AuditEntry['action'], AuditAction> = { X: 'removed', private: 'removed', Z: 'emptied', D: 'replaced', set: 'replaced', U: 'uid', K: 'kept' };

/** The new value of a replacement: recorded since the log has `value`; read from the detail in logs stored before. */
function newValue(e: AuditEntry): string {
  if (e.value !== undefined) return e.value;
  return /patient pseudonym (\S+)/.exec(e.detail)?.[1] ?? /^set to "(.*)"$/.exec(e.detail)?.[1] ?? '';
}

/** Why, in few words: the profile rule that applied ("Table E.1-1: X"), or the full reason for anything else (a kept file, the preamble). */
function noteOf(e: AuditEntry): string {
  if (e.action === 'private') return AUDIT_NOTE_PRIVATE;
  if (e.action === 'set') return AUDIT_NOTE_SET;
  return /\((Table E\.1-1: [^)]*)\)/.exec(e.detail)?.[1] ?? (e.detail.startsWith(PSEUDONYM_DETAIL) ? AUDIT_NOTE_PSEUDONYM : e.detail);
}

/** The notes of private attributes and of attributes Jimu sets (views may translate them). */
export const AUDIT_NOTE_PRIVATE = 'private attribute';
export const AUDIT_NOTE_SET = 'set by Jimu';
export const AUDIT_NOTE_PSEUDONYM = 'patient pseudonym';

/** Flattens a stored audit log into one row per attribute and file, in the order de-identification wrote them. */
export function auditRows(audit: StoredAudit | undefined): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const file of audit ?? []) {
    for (const e of file.entries) {
      // Patient's Name and ID carry the table's action code but are replaced by the patient pseudonym.
      const action = e.detail.startsWith(PSEUDONYM_DETAIL) ? 'replaced' : (ACTIONS[e.action] ?? 'kept');
      rows.push({
        file: file.path,
        tag: e.tag,
        name: e.path,
        action,
        value: action === 'replaced' ? newValue(e) : '',
        note: noteOf(e),
      });
    }
  }
  return rows;
}

/**
 * The rows whose file, tag, attribute name, action (as `actionLabel` shows it), new value or note
 * contain every word of `query`, ignoring case; an empty query keeps them all.
 */
export function filterAuditRows(rows: readonly AuditRow[], query: string, actionLabel: (a: AuditAction) => string = (a) => a): AuditRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const text = [r.file, r.tag, r.name, actionLabel(r.action), r.action, r.value, r.note].join('\u0000').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** One CSV field: quoted when it must be, and kept from starting a spreadsheet formula. */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows as CSV (RFC 4180, CRLF line ends), with a header row of `headings` (file, tag, attribute,
 * action, new value, note) and each action as `actionLabel` writes it.
 */
export function auditCsv(rows: readonly AuditRow[], headings: readonly [string, string, string, string, string, string], actionLabel: (a: AuditAction) => string = (a) => a): string {
  const lines = [headings.map(csvField).join(',')];
  for (const r of rows) lines.push([r.file, r.tag, r.name, actionLabel(r.action), r.value, r.note].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
