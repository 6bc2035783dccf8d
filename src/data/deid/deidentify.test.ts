import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tag } from '../dicom/dictionary';
import { parseDicom } from '../dicom/parse';
import { readDicom } from '../dicom/read-dicom';
import { items, str, T } from '../dicom/values';
import { writeDicom } from '../dicom/write';
import type { Expected } from '../fixtures/medical/expected';
import { deidentify, DEID_METHOD, headerRows, remapUID } from './deidentify';
import { ruleFor, TABLE_SIZE } from './profile';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/medical/${name}`, import.meta.url)));
const expected = JSON.parse(readFileSync(new URL('../fixtures/medical/expected.json', import.meta.url), 'utf8')) as Expected;
const fromHex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));

/** Does `needle` occur anywhere in `hay`? */
function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
const gb18030Of = new Map(expected.deid.flatMap((d) => d.identifiers.map((i) => [i.text, i.hex] as const)).filter(([t]) => /[^\x20-\x7e]/.test(t)));

describe('the Basic Profile table', () => {
  it('is the standard table, not a hand-picked list', () => {
    expect(TABLE_SIZE).toBeGreaterThan(600);
    expect(ruleFor(T.PatientName)?.code).toBe('Z');
    expect(ruleFor(T.StudyInstanceUID)?.action).toBe('U');
    expect(ruleFor(tag(0x0010, 0x1040))?.action).toBe('X'); // Patient's Address
    expect(ruleFor(tag(0x6002, 0x3000))?.action).toBe('X'); // Overlay Data, repeating group
    expect(ruleFor(tag(0x0008, 0x1140))?.code).toBe('X/Z/U*');
    expect(ruleFor(T.Rows)).toBeUndefined();
  });
});

describe.each(expected.deid.map((d) => [d.charset, d] as const))('de-identifying a CT with identifiers in %s', (_, c) => {
  const input = fixture(c.file);
  const result = deidentify(input, { salt: 'study-salt' });
  if (!result.ok) throw new Error('excluded');
  const out = result.bytes;

  it('the input does hold every identifier (the test would prove nothing otherwise)', () => {
    for (const id of c.identifiers) expect(contains(input, fromHex(id.hex))).toBe(true);
  });

  it('leaves none of them in the output bytes, in UTF-8 or GB18030, at any depth', () => {
    for (const id of c.identifiers) {
      expect(contains(out, new TextEncoder().encode(id.text)), id.text).toBe(false);
      const gb = gb18030Of.get(id.text);
      if (gb) expect(contains(out, fromHex(gb)), `${id.text} (GB18030)`).toBe(false);
    }
    for (const uid of Object.values(c.uids)) expect(contains(out, new TextEncoder().encode(uid)), uid).toBe(false);
  });

  it('zeroes the preamble, marks the identity removed and names the method', () => {
    expect(out.subarray(0, 128).every((b) => b === 0)).toBe(true);
    const f = parseDicom(out);
    expect(str(f.dataset, T.PatientIdentityRemoved)).toBe('YES');
    expect(str(f.dataset, T.DeidentificationMethod)).toBe(DEID_METHOD);
    expect(str(items(f.dataset, T.DeidentificationMethodCodeSequence)[0]!, T.CodeValue)).toBe('113100');
    expect([...f.dataset.elements.keys()].some((t) => (t >>> 16) % 2 === 1)).toBe(false);
  });

  it('remaps UIDs consistently, so references still resolve', () => {
    const f = parseDicom(out);
    const sop = str(f.dataset, T.SOPInstanceUID)!;
    expect(sop).toBe(remapUID(c.uids.sop, 'study-salt'));
    expect(str(f.meta, T.MediaStorageSOPInstanceUID)).toBe(sop);
    expect(str(items(f.dataset, tag(0x0008, 0x1140))[0]!, tag(0x0008, 0x1155))).toBe(sop);
    expect(str(f.dataset, T.StudyInstanceUID)).toBe(remapUID(c.uids.study, 'study-salt'));
    expect(remapUID(c.uids.study, 'other-salt')).not.toBe(remapUID(c.uids.study, 'study-salt'));
  });

  it('keeps the pixels and the geometry', async () => {
    const a = await readDicom(input);
    const b = await readDicom(out);
    expect(b.data).toEqual(a.data);
    expect(b.affine).toEqual(a.affine);
  });

  it('lists every change in the audit log, without the old values', () => {
    const paths = result.audit.map((e) => e.path);
    for (const p of ['PatientName', 'PatientBirthDate', 'OtherPatientNames', 'InstitutionName', 'PatientAddress', 'RequestAttributesSequence',
      'ReferencedImageSequence[0] > PatientName', 'ReferencedImageSequence[0] > ContentSequence', 'private (0009,1010)', 'SOPInstanceUID']) {
      expect(paths).toContain(p);
    }
    const log = JSON.stringify(result.audit);
    for (const id of c.identifiers) expect(log).not.toContain(id.text);
  });

  it('shows the header before and after, names decoded from the character set', () => {
    const before = headerRows(parseDicom(input).dataset);
    expect(before.find((r) => r.path === 'PatientName')?.value).toBe(c.charset === 'GB18030' ? '张^三丰' : '王^小东');
    expect(before.find((r) => r.path === 'ReferencedImageSequence[0] > ContentSequence[0] > PersonName')?.value).toBe('钱^七');
    const after = headerRows(parseDicom(out).dataset);
    expect(after.find((r) => r.path === 'PatientName')?.value).toMatch(/^JIMU-[0-9A-F]{12}$/);
  });
});

describe('de-identification across files and syntaxes', () => {
  it('gives one patient one pseudonym and one study one UID across files', () => {
    const a = deidentify(fixture('deid_utf8.dcm'), { salt: 's' });
    const b = deidentify(fixture('deid_gb18030.dcm'), { salt: 's' });
    if (!a.ok || !b.ok) throw new Error('excluded');
    const fa = parseDicom(a.bytes).dataset;
    const fb = parseDicom(b.bytes).dataset;
    expect(str(fa, T.PatientID)).toBe(str(fb, T.PatientID));
    expect(str(fa, T.StudyInstanceUID)).toBe(str(fb, T.StudyInstanceUID));
  });

  it.each(['MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm', 'image_dfl.dcm', 'rtdose.dcm', 'CT_small_no_meta.dcm', 'series_mr_0.dcm'])('keeps %s readable with the same voxels', async (name) => {
    const r = deidentify(fixture(name), { salt: 's' });
    if (!r.ok) throw new Error('excluded');
    expect((await readDicom(r.bytes)).data).toEqual((await readDicom(fixture(name))).data);
    expect(str(parseDicom(r.bytes).dataset, T.PatientIdentityRemoved)).toBe('YES');
  });

  it('excludes a file with burned-in annotation unless the user accepts it', () => {
    const f = parseDicom(fixture('MR_small.dcm'));
    f.dataset.elements.set(T.BurnedInAnnotation, { tag: T.BurnedInAnnotation, vr: 'CS', value: new TextEncoder().encode('YES ') });
    const bytes = writeDicom(f);
    const refused = deidentify(bytes, { salt: 's' });
    expect(refused.ok).toBe(false);
    expect(refused.warnings[0]).toMatch(/Burned In Annotation/);
    const accepted = deidentify(bytes, { salt: 's', acceptBurnedIn: true });
    expect(accepted.ok).toBe(true);
    expect(accepted.warnings).toHaveLength(1);
    expect(accepted.audit.filter((a) => a.tag === '(0028,0301)')).toEqual([expect.objectContaining({ path: 'BurnedInAnnotation', action: 'K', detail: expect.stringMatching(/chose to import/) })]);
  });
});
