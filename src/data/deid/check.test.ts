import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../dicom/parse';
import { checkDeidentified } from './check';
import { deidentify } from './deidentify';

const dir = new URL('../fixtures/medical/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.dcm'));
const read = (f: string) => new Uint8Array(readFileSync(new URL(f, dir)));

describe('checking that a DICOM file is de-identified (on arrival at the team server)', () => {
  it('names Patient’s Name in an original, and finds nothing in the same file after deidentify', () => {
    const original = checkDeidentified(parseDicom(read('CT_small.dcm')));
    expect(original.identifying.map((i) => i.name)).toContain('PatientName');
    const r = deidentify(read('CT_small.dcm'), { salt: 's' });
    if (!r.ok) throw new Error('excluded');
    const after = checkDeidentified(parseDicom(r.bytes));
    expect(after.identifying).toEqual([]);
    expect(after.patientIdentityRemoved).toBe(true);
    expect(after.method).toMatch(/PS3.15/);
  });

  it.each(fixtures)('%s: every file deidentify writes passes the check', (f) => {
    const r = deidentify(read(f), { salt: 'salt', acceptBurnedIn: true });
    if (!r.ok) throw new Error('excluded');
    expect(checkDeidentified(parseDicom(r.bytes)).identifying).toEqual([]);
  });

  it('refuses a de-identified file with one identifying value put back, naming it', () => {
    const r = deidentify(read('MR_small.dcm'), { salt: 's' });
    if (!r.ok) throw new Error('excluded');
    const file = parseDicom(r.bytes);
    const name = 0x00100010;
    file.dataset.elements.set(name, { tag: name, vr: 'PN', value: new TextEncoder().encode('Doe^Jane') });
    const date = 0x00100030;
    file.dataset.elements.set(date, { tag: date, vr: 'DA', value: new TextEncoder().encode('19700101') });
    expect(checkDeidentified(file).identifying.map((i) => i.name).sort()).toEqual(['PatientBirthDate', 'PatientName']);
  });
});
