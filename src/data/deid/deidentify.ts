import { decodeText } from '../dicom/charset';
import { isPrivate, tagName, tagString } from '../dicom/dictionary';
import { parseDicom, type DicomDataset, type DicomElement, type DicomFile } from '../dicom/parse';
import { elementText, str, T } from '../dicom/values';
import { writeDicom } from '../dicom/write';
import { ruleFor, type Action } from './profile';
import { hex, sha256 } from './sha256';

export const DEID_METHOD = 'DICOM PS3.15 E.1 Basic Profile (Jimu)';

export interface AuditEntry {
  /** Where in the data set: "ReferencedImageSequence[0] > PatientName". */
  path: string;
  tag: string;
  action: Action | 'private' | 'set';
  /** What was done, never the old value. */
  detail: string;
  /** The new value where one took the old one's place (a dummy, the patient pseudonym, a value Jimu sets); never the old one. */
  value?: string;
}

export interface DeidOptions {
  /** Secret per import: the same salt maps the same UID or patient ID to the same replacement. */
  salt: string;
  /** De-identify files whose pixels carry burned-in annotation instead of excluding them. */
  acceptBurnedIn?: boolean;
}

export type DeidResult =
  | { ok: true; bytes: Uint8Array; audit: AuditEntry[]; warnings: string[] }
  | { ok: false; excluded: 'burned-in-annotation'; audit: AuditEntry[]; warnings: string[] };

const enc = new TextEncoder();
const ascii = (s: string) => enc.encode(s);

/** A UID under the 2.25 root (PS3.5 B.2) derived from the salt and the old UID: the same in every file of a study. */
export function remapUID(uid: string, salt: string): string {
  const digest = sha256(enc.encode(`${salt}\u0000uid\u0000${uid}`));
  return `2.25.${BigInt(`0x${hex(digest.subarray(0, 16))}`).toString()}`;
}

/** A patient pseudonym from the salt and the patient ID, so one patient keeps one identity across files. */
export function pseudonym(patientId: string, salt: string): string {
  return `JIMU-${hex(sha256(enc.encode(`${salt}\u0000patient\u0000${patientId}`))).slice(0, 12).toUpperCase()}`;
}

/** A dummy value of the right VR (PS3.15 E.1.1 action D). */
export function dummy(vr: string, length: number): Uint8Array | undefined {
  switch (vr) {
    case 'DA': return ascii('19000101');
    case 'TM': return ascii('000000.00');
    case 'DT': return ascii('19000101000000');
    case 'AS': return ascii('000Y');
    case 'DS': case 'IS': return ascii('0 ');
    case 'AE': case 'CS': case 'LO': case 'LT': case 'SH': case 'ST': case 'UC': case 'UT': case 'UR': case 'PN': return ascii('ANONYMIZED');
    case 'UI': return undefined;
    default: return new Uint8Array(Math.max(2, length + (length % 2)));
  }
}

/**
 * De-identifies one DICOM file by the Basic Application Level Confidentiality Profile of PS3.15 Annex E,
 * driven by the standard's attribute table: each listed attribute is removed (X), emptied (Z), given a
 * dummy value (D) or a new UID (U), at every depth of nested sequences; private attributes are removed;
 * Patient Identity Removed and De-identification Method are set; the preamble is written as zeros.
 * A file with Burned In Annotation YES is excluded unless `acceptBurnedIn`, and the audit log then records that choice.
 */
export function deidentify(bytes: Uint8Array, options: DeidOptions): DeidResult {
  const file = parseDicom(bytes);
  return deidentifyFile(file, options);
}

export function deidentifyFile(file: DicomFile, options: DeidOptions): DeidResult {
  const audit: AuditEntry[] = [];
  // What the reader worked around (zero padding after the data) is said where the file is imported.
  const warnings: string[] = [...(file.warnings ?? [])];
  const burned = (str(file.dataset, T.BurnedInAnnotation) ?? '').toUpperCase() === 'YES';
  if (burned) {
    warnings.push('Burned In Annotation is YES: the pixels may show patient details, which no header edit removes.');
    if (!options.acceptBurnedIn) return { ok: false, excluded: 'burned-in-annotation', audit, warnings };
    // The user's choice to keep such a file belongs in its audit log.
    audit.push({ path: tagName(T.BurnedInAnnotation), tag: tagString(T.BurnedInAnnotation), action: 'K', detail: 'Burned In Annotation is YES and the user chose to import the file anyway: its pixels may show names or dates that de-identification cannot remove' });
  }
  const charset = str(file.dataset, T.SpecificCharacterSet) ?? '';
  const patientId = str(file.dataset, T.PatientID, charset) ?? '';
  const ctx: Ctx = { salt: options.salt, audit, charset, alias: pseudonym(patientId, options.salt) };
  clean(file.dataset, '', ctx);
  file.meta = rebuildMeta(file, ctx);
  const set = (ds: DicomDataset, t: number, vr: string, text: string, path = '') => {
    ds.elements.set(t, { tag: t, vr, value: ascii(text.length % 2 ? `${text} ` : text) });
    audit.push({ path: `${path}${tagName(t)}`, tag: tagString(t), action: 'set', detail: `set to "${text}"`, value: text });
  };
  set(file.dataset, T.PatientIdentityRemoved, 'CS', 'YES');
  set(file.dataset, T.DeidentificationMethod, 'LO', DEID_METHOD);
  const code: DicomDataset = { elements: new Map(), littleEndian: file.littleEndian };
  const codePath = `${tagName(T.DeidentificationMethodCodeSequence)}[0] > `;
  set(code, T.CodeValue, 'SH', '113100', codePath);
  set(code, T.CodingSchemeDesignator, 'SH', 'DCM', codePath);
  set(code, T.CodeMeaning, 'LO', 'Basic Application Confidentiality Profile', codePath);
  file.dataset.elements.set(T.DeidentificationMethodCodeSequence, { tag: T.DeidentificationMethodCodeSequence, vr: 'SQ', value: new Uint8Array(0), items: [code] });
  if (file.preamble) audit.push({ path: 'preamble', tag: '', action: 'Z', detail: 'the 128-byte preamble is written as zeros' });
  return { ok: true, bytes: writeDicom({ ...file, preamble: true }), audit, warnings };
}

export const isRepeatingGroup = (t: number) => {
  const g = t >>> 16;
  return (g & 0xff00) === 0x5000 || (g & 0xff00) === 0x6000;
};

/** Jimu's Implementation Class UID (a 2.25 UID derived from its name), written in every file meta group it rebuilds. */
export const IMPLEMENTATION_UID = `2.25.${BigInt(`0x${hex(sha256(enc.encode('Jimu DICOM writer')).subarray(0, 16))}`).toString()}`;

/**
 * A new file meta group (PS3.10 7.1) holding only what the standard requires, taken from the cleaned data
 * set: the source's group can carry Source Application Entity Title, Sending/Receiving AE Titles, Private
 * Information and other values that identify a site or a person, and none of it is copied.
 */
function rebuildMeta(file: DicomFile, ctx: Ctx): DicomDataset {
  const old = file.meta;
  const elements = new Map<number, DicomElement>();
  const put = (t: number, vr: string, value: Uint8Array) => elements.set(t, { tag: t, vr, value });
  const uid = (u: string) => {
    const b = ascii(u);
    return b.length % 2 ? Uint8Array.from([...b, 0]) : b;
  };
  put(META.FileMetaInformationVersion, 'OB', Uint8Array.of(0, 1));
  const sopClass = str(file.dataset, T.SOPClassUID) ?? str(old, META.MediaStorageSOPClassUID);
  if (sopClass) put(META.MediaStorageSOPClassUID, 'UI', uid(sopClass));
  const oldInstance = str(old, META.MediaStorageSOPInstanceUID);
  const sopInstance = str(file.dataset, T.SOPInstanceUID) ?? (oldInstance ? remapUID(oldInstance, ctx.salt) : undefined);
  if (sopInstance) put(META.MediaStorageSOPInstanceUID, 'UI', uid(sopInstance));
  put(META.TransferSyntaxUID, 'UI', uid(file.transferSyntax));
  put(META.ImplementationClassUID, 'UI', uid(IMPLEMENTATION_UID));
  put(META.ImplementationVersionName, 'SH', ascii('JIMU'));
  for (const t of old.elements.keys()) {
    if (elements.has(t) || t === META.GroupLength) continue;
    ctx.audit.push({ path: tagName(t), tag: tagString(t), action: 'X', detail: 'not copied: the file meta group is rebuilt from the de-identified data set' });
  }
  return { elements, littleEndian: true };
}

const META = {
  GroupLength: 0x00020000,
  FileMetaInformationVersion: 0x00020001,
  MediaStorageSOPClassUID: 0x00020002,
  MediaStorageSOPInstanceUID: 0x00020003,
  TransferSyntaxUID: 0x00020010,
  ImplementationClassUID: 0x00020012,
  ImplementationVersionName: 0x00020013,
} as const;

interface Ctx { salt: string; audit: AuditEntry[]; charset: string; alias: string }

/** VRs whose dummy value is text, so the audit log can show it. */
const TEXT_VRS = new Set(['DA', 'TM', 'DT', 'AS', 'DS', 'IS', 'AE', 'CS', 'LO', 'LT', 'SH', 'ST', 'UC', 'UT', 'UR', 'PN']);

function clean(ds: DicomDataset, path: string, ctx: Ctx): void {
  for (const el of [...ds.elements.values()]) {
    const where = `${path}${tagName(el.tag)}`;
    const log = (action: AuditEntry['action'], detail: string, value?: string) => ctx.audit.push({ path: where, tag: tagString(el.tag), action, detail, ...(value === undefined ? {} : { value }) });
    if (isPrivate(el.tag)) {
      ds.elements.delete(el.tag);
      log('private', 'private attribute removed');
      continue;
    }
    if (isRepeatingGroup(el.tag)) {
      // Curves (50xx) and overlays (60xx): the profile removes their data (X), and what it does not list
      // (Overlay Description, Label, Curve Label …) is free text, so each such group goes whole.
      ds.elements.delete(el.tag);
      log('X', 'removed with its curve or overlay group (Table E.1-1: Curve Data and Overlay Data are X; their descriptions and labels are free text)');
      continue;
    }
    const rule = ruleFor(el.tag);
    // Patient's Name and ID become one pseudonym per patient, so splits by patient still work.
    if (el.tag === T.PatientID || el.tag === T.PatientName) {
      el.value = ascii(ctx.alias.length % 2 ? `${ctx.alias} ` : ctx.alias);
      el.vr = el.tag === T.PatientName ? 'PN' : 'LO';
      log(rule?.action ?? 'D', `replaced by the patient pseudonym ${ctx.alias}`, ctx.alias);
      continue;
    }
    if (!rule) {
      if (el.items) el.items.forEach((item, i) => clean(item, `${where}[${i}] > `, ctx));
      continue;
    }
    apply(ds, el, rule.action, rule.source, where, ctx, log);
  }
}

function apply(ds: DicomDataset, el: DicomElement, action: Action, source: string, where: string, ctx: Ctx, log: (a: Action, d: string, value?: string) => void) {
  const table = `(${source})`;
  switch (action) {
    case 'K':
      return;
    case 'X':
      ds.elements.delete(el.tag);
      return log('X', `removed ${table}`);
    case 'Z':
      if (el.items) el.items = [];
      el.value = new Uint8Array(0);
      el.fragments = undefined;
      return log('Z', `emptied ${table}`);
    case 'D':
    case 'U': {
      if (el.items && action === 'U') {
        // U on a sequence (X/Z/U*): the references stay, with their UIDs remapped and the rest cleaned.
        el.items.forEach((item, i) => clean(item, `${where}[${i}] > `, ctx));
        return;
      }
      if (el.items) {
        // D on a sequence replaces the whole sequence (PS3.15 E.1.1: a non-zero-length dummy): nothing inside
        // it (free text, names, codes at any depth) is kept.
        el.items = [{ elements: new Map(), littleEndian: ds.littleEndian }];
        return log('D', `replaced by one empty item ${table}`);
      }
      if (el.vr === 'UI') {
        const uids = elementText(el).split('\\').filter((u) => u !== '');
        el.value = ascii(uids.map((u) => remapUID(u.replace(/\0/g, ''), ctx.salt)).join('\\'));
        if (el.value.length % 2) el.value = Uint8Array.from([...el.value, 0]);
        return log('U', `UID replaced by a salted 2.25 UID ${table}`);
      }
      const v = dummy(el.vr, el.value.length);
      el.value = v ?? new Uint8Array(0);
      el.fragments = undefined;
      return log('D', `replaced by a dummy value ${table}`, v && TEXT_VRS.has(el.vr) ? new TextDecoder().decode(v).trim() : undefined);
    }
  }
}

/** The header as text rows (decoded with its character set), for a before/after view. */
export function headerRows(ds: DicomDataset, charset = str(ds, T.SpecificCharacterSet) ?? '', path = ''): { path: string; tag: string; vr: string; value: string }[] {
  const rows: { path: string; tag: string; vr: string; value: string }[] = [];
  for (const el of [...ds.elements.values()].sort((a, b) => a.tag - b.tag)) {
    const where = `${path}${tagName(el.tag)}`;
    let value: string;
    if (el.items) value = `${el.items.length} item(s)`;
    else if (el.fragments) value = `${el.fragments.length} fragment(s)`;
    else if (['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UN'].includes(el.vr) || el.value.length > 256) value = `${el.value.length} bytes`;
    else if (['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'AT'].includes(el.vr)) value = `${el.value.length} bytes (binary)`;
    else value = ['PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC'].includes(el.vr) ? decodeText(el.value, charset).replace(/[\0 ]+$/, '') : elementText(el);
    rows.push({ path: where, tag: tagString(el.tag), vr: el.vr, value });
    el.items?.forEach((item, i) => rows.push(...headerRows(item, charset, `${where}[${i}] > `)));
  }
  return rows;
}

