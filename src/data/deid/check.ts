import { isPrivate, tagName, tagString } from '../dicom/dictionary';
import type { DicomDataset, DicomElement, DicomFile } from '../dicom/parse';
import { elementText, str, T } from '../dicom/values';
import { dummy, isRepeatingGroup } from './deidentify';
import { ruleFor } from './profile';

/** One attribute that still identifies: where it is, and why the profile does not allow it there. */
export interface Identifying {
  /** "ReferencedStudySequence[0] > StudyInstanceUID". */
  path: string;
  tag: string;
  name: string;
  reason: string;
}

export interface DeidCheck {
  /** Empty when the file passes. */
  identifying: Identifying[];
  /** What the file says about its own de-identification (De-identification Method, Patient Identity Removed). */
  method: string | null;
  patientIdentityRemoved: boolean;
  /** Not attributes, but worth a person's look: Burned In Annotation YES. */
  warnings: string[];
}

/** Patient's Name and ID as `deidentify` leaves them: the patient pseudonym, a dummy, or nothing. */
const PSEUDONYM = /^(JIMU-[0-9A-F]{12}|ANONYMIZED)?$/;
/** Code Value, Coding Scheme Designator, Coding Scheme Version, Code Meaning. */
const CODE_TAGS = new Set([0x00080100, 0x00080102, 0x00080103, 0x00080104]);
const textOf = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b).replace(/[\0 ]+$/, '') : '');

/**
 * Checks, without changing it, that a DICOM file holds nothing the de-identification profile (PS3.15 Annex E
 * Basic Profile, as `deidentify` applies it) would have removed or replaced: attributes to remove (X) are
 * absent, to empty (Z) are empty, to replace (D) hold the dummy value, UIDs (U) lie under the 2.25 root,
 * no private attributes or curve/overlay groups remain, and Patient's Name and ID are the pseudonym.
 * A file `deidentify` wrote passes; the original it came from does not.
 */
export function checkDeidentified(file: DicomFile): DeidCheck {
  const identifying: Identifying[] = [];
  walk(file.dataset, '', identifying);
  const burned = (str(file.dataset, T.BurnedInAnnotation) ?? '').toUpperCase() === 'YES';
  return {
    identifying,
    method: str(file.dataset, T.DeidentificationMethod) ?? null,
    patientIdentityRemoved: (str(file.dataset, T.PatientIdentityRemoved) ?? '').toUpperCase() === 'YES',
    warnings: burned ? ['Burned In Annotation is YES: the pixels may show patient details, which no header check finds.'] : [],
  };
}


function walk(ds: DicomDataset, path: string, out: Identifying[]): void {
  for (const el of ds.elements.values()) {
    const where = `${path}${tagName(el.tag)}`;
    const flag = (reason: string) => out.push({ path: where, tag: tagString(el.tag), name: tagName(el.tag), reason });
    if (isPrivate(el.tag)) {
      flag('a private attribute (the profile removes them all)');
      continue;
    }
    if (isRepeatingGroup(el.tag)) {
      flag('curve or overlay data (the profile removes it)');
      continue;
    }
    if (el.tag === T.PatientName || el.tag === T.PatientID) {
      if (!PSEUDONYM.test(elementText(el))) flag('holds a value that is not a pseudonym');
      continue;
    }
    if (el.tag === T.DeidentificationMethodCodeSequence) {
      // Codes from CID 7050 that the de-identifier sets; only code attributes may sit in it.
      const ok = (el.items ?? []).every((item) => [...item.elements.keys()].every((t) => CODE_TAGS.has(t)));
      if (!ok) flag('holds attributes other than the de-identification method’s code');
      continue;
    }
    const rule = ruleFor(el.tag);
    if (!rule || rule.action === 'K') {
      el.items?.forEach((item, i) => walk(item, `${where}[${i}] > `, out));
      continue;
    }
    const problem = violation(el, rule.action);
    if (problem) flag(`${problem} (${rule.source})`);
    else if (el.items && rule.action === 'U') el.items.forEach((item, i) => walk(item, `${where}[${i}] > `, out));
  }
}

const empty = (el: DicomElement) => !el.fragments?.length && (el.items ? el.items.every((i) => i.elements.size === 0) : textOf(el.value) === '' || el.value.every((b) => b === 0 || b === 0x20));

/** Why the element breaks its rule, or null when it keeps it. */
function violation(el: DicomElement, action: 'X' | 'Z' | 'D' | 'U'): string | null {
  switch (action) {
    case 'X':
      return empty(el) ? null : 'still present; the profile removes it';
    case 'Z':
      return empty(el) ? null : 'still holds a value; the profile empties it';
    case 'D': {
      if (el.items) return el.items.length <= 1 && empty(el) ? null : 'still holds items; the profile replaces them with one empty item';
      if (empty(el)) return null;
      const d = dummy(el.vr, el.value.length);
      if (d === undefined) return uidsOk(el) ? null : 'holds a UID outside the 2.25 root; the profile replaces it';
      return textOf(d) === textOf(el.value) ? null : 'holds a value other than the dummy the profile puts there';
    }
    case 'U':
      if (el.items) return null;
      if (el.vr !== 'UI') return empty(el) ? null : 'still holds a value; the profile replaces it';
      return uidsOk(el) ? null : 'holds a UID outside the 2.25 root; the profile replaces it with a new one';
  }
}

const uidsOk = (el: DicomElement) => elementText(el).split('\\').filter((u) => u.replace(/\0/g, '') !== '').every((u) => u.replace(/\0/g, '').startsWith('2.25.'));
