import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tag } from '../dicom/dictionary';
import { parseDicom } from '../dicom/parse';
import { readDicom } from '../dicom/read-dicom';
import { items, str, T } from '../dicom/values';
import { deidentify, IMPLEMENTATION_UID } from './deidentify';

/**
 * Studies with identifiers where the Basic Profile's table alone lets them through (written by
 * scripts/oracles/attacks.py with pydicom): the file meta group, overlay and curve groups, free text deep in
 * Content Sequence, Code Meaning in a code sequence. The output bytes are scanned raw and decoded.
 */
interface Attack { file: string; charset: string; codec: string; markers: { where: string; text: string; hex: string }[]; present: boolean }
const dir = new URL('../fixtures/medical/attacks/', import.meta.url);
const attacks = (JSON.parse(readFileSync(new URL('attacks.json', dir), 'utf8')) as { deid: Attack[] }).deid;
const fromHex = (h: string) => Buffer.from(h, 'hex');

describe.each(attacks.map((a) => [a.file, a] as const))('de-identifying %s', (_, a) => {
  const input = new Uint8Array(readFileSync(new URL(a.file, dir)));
  const result = deidentify(input, { salt: 'attack-salt' });
  if (!result.ok) throw new Error('excluded');
  const out = Buffer.from(result.bytes);

  it('starts with every marker in the input (else the test proves nothing)', () => {
    expect(a.present).toBe(true);
    for (const m of a.markers) expect(Buffer.from(input).includes(fromHex(m.hex)), m.where).toBe(true);
  });

  it('leaves no marker in the output, raw or decoded in its character set or as UTF-8', () => {
    const decoded = [new TextDecoder(a.codec).decode(out), new TextDecoder('utf-8').decode(out), out.toString('latin1')];
    for (const m of a.markers) {
      expect(out.includes(fromHex(m.hex)), `${m.where} (raw)`).toBe(false);
      expect(out.includes(Buffer.from(m.text, 'utf8')), `${m.where} (UTF-8)`).toBe(false);
      const ascii = m.text.replace(/[^\x20-\x7e]/g, '');
      for (const text of decoded) {
        expect(text.includes(m.text), `${m.where} (decoded)`).toBe(false);
        expect(text.includes(ascii), `${m.where}: ${ascii}`).toBe(false);
      }
    }
  });

  it('rebuilds the file meta group from the de-identified data set', () => {
    const f = parseDicom(result.bytes);
    expect([...f.meta.elements.keys()].map((t) => t.toString(16)).sort()).toEqual(['20000', '20001', '20002', '20003', '20010', '20012', '20013']);
    expect(str(f.meta, tag(0x0002, 0x0003))).toBe(str(f.dataset, T.SOPInstanceUID));
    expect(str(f.meta, tag(0x0002, 0x0012))).toBe(IMPLEMENTATION_UID);
    expect(str(f.meta, tag(0x0002, 0x0010))).toBe(parseDicom(input).transferSyntax);
    const audit = result.audit.map((e) => e.tag);
    expect(audit).toContain('(0002,0016)');
    expect(audit).toContain('(0002,0102)');
  });

  it('removes overlay and curve groups whole, and replaces D sequences whole', () => {
    const f = parseDicom(result.bytes);
    expect([...f.dataset.elements.keys()].filter((t) => (t >>> 24) === 0x50 || (t >>> 24) === 0x60)).toEqual([]);
    const content = f.dataset.elements.get(tag(0x0040, 0xa730));
    expect(content?.items).toHaveLength(1);
    expect(content?.items?.[0]?.elements.size).toBe(0);
    const code = items(f.dataset, tag(0x0008, 0x1032))[0]!;
    expect(str(code, T.CodeValue)).toBe('P-77');
    expect(str(code, T.CodeMeaning)).toBe('ANONYMIZED');
  });

  it('keeps the pixels', async () => {
    expect((await readDicom(result.bytes)).data).toEqual((await readDicom(input)).data);
  });
});
