import { describe, expect, it } from 'vitest';
import { auditCsv, auditRows, filterAuditRows, type StoredAudit } from './audit-log';
import { deidentify } from './deidentify';

const log: StoredAudit = [
  {
    path: 'study/a.dcm',
    entries: [
      { path: 'PatientName', tag: '(0010,0010)', action: 'D', detail: 'replaced by the patient pseudonym JIMU-0123456789AB', value: 'JIMU-0123456789AB' },
      { path: 'PatientBirthDate', tag: '(0010,0030)', action: 'Z', detail: 'emptied (Table E.1-1: Z)' },
      { path: 'InstitutionName', tag: '(0008,0080)', action: 'X', detail: 'removed (Table E.1-1: X/Z/D)' },
      { path: 'StudyDate', tag: '(0008,0020)', action: 'D', detail: 'replaced by a dummy value (Table E.1-1: Z/D)', value: '19000101' },
      { path: 'private (0009,1010)', tag: '(0009,1010)', action: 'private', detail: 'private attribute removed' },
    ],
  },
  {
    path: 'study/b.dcm',
    entries: [
      { path: 'BurnedInAnnotation', tag: '(0028,0301)', action: 'K', detail: 'Burned In Annotation is YES and the user chose to import the file anyway' },
      { path: 'ReferencedImageSequence[0] > SOPInstanceUID', tag: '(0008,1155)', action: 'U', detail: 'UID replaced by a salted 2.25 UID (Table E.1-1: U)' },
      // Stored before entries recorded `value`: the new value comes from the detail.
      { path: 'PatientID', tag: '(0010,0020)', action: 'Z', detail: 'replaced by the patient pseudonym JIMU-FEDCBA987654' },
      { path: 'PatientIdentityRemoved', tag: '(0012,0062)', action: 'set', detail: 'set to "YES"' },
      { path: 'preamble', tag: '', action: 'Z', detail: 'the 128-byte preamble is written as zeros' },
    ],
  },
];

describe('auditRows', () => {
  it('gives one row per entry: file, tag, attribute, action, the new value of a replacement and why', () => {
    expect(auditRows(log).map((r) => [r.file, r.tag, r.name, r.action, r.value, r.note])).toEqual([
      ['study/a.dcm', '(0010,0010)', 'PatientName', 'replaced', 'JIMU-0123456789AB', 'patient pseudonym'],
      ['study/a.dcm', '(0010,0030)', 'PatientBirthDate', 'emptied', '', 'Table E.1-1: Z'],
      ['study/a.dcm', '(0008,0080)', 'InstitutionName', 'removed', '', 'Table E.1-1: X/Z/D'],
      ['study/a.dcm', '(0008,0020)', 'StudyDate', 'replaced', '19000101', 'Table E.1-1: Z/D'],
      ['study/a.dcm', '(0009,1010)', 'private (0009,1010)', 'removed', '', 'private attribute'],
      ['study/b.dcm', '(0028,0301)', 'BurnedInAnnotation', 'kept', '', 'Burned In Annotation is YES and the user chose to import the file anyway'],
      ['study/b.dcm', '(0008,1155)', 'ReferencedImageSequence[0] > SOPInstanceUID', 'uid', '', 'Table E.1-1: U'],
      ['study/b.dcm', '(0010,0020)', 'PatientID', 'replaced', 'JIMU-FEDCBA987654', 'patient pseudonym'],
      ['study/b.dcm', '(0012,0062)', 'PatientIdentityRemoved', 'replaced', 'YES', 'set by Jimu'],
      ['study/b.dcm', '', 'preamble', 'emptied', '', 'the 128-byte preamble is written as zeros'],
    ]);
  });

  it('has no rows for a dataset without a log (NIfTI only, or stored before logs were kept)', () => {
    expect(auditRows(undefined)).toEqual([]);
    expect(auditRows([])).toEqual([]);
  });

  it('never shows an old value, for a real file either', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/medical/series_mr_0.dcm', import.meta.url)));
    const r = deidentify(bytes, { salt: 'test' });
    const rows = auditRows([{ path: 'series_mr_0.dcm', entries: r.audit }]);
    expect(rows.length).toBeGreaterThan(5);
    expect(JSON.stringify(rows)).not.toMatch(/dft patient name/i);
    expect(rows.find((x) => x.name === 'PatientName')).toMatchObject({ action: 'replaced', value: expect.stringMatching(/^JIMU-[0-9A-F]{12}$/) });
    for (const row of rows) if (row.action !== 'replaced') expect(row.value).toBe('');
  });
});

describe('filterAuditRows', () => {
  const rows = auditRows(log);
  it.each([
    ['', 10],
    ['b.dcm', 5],
    ['(0010,', 3],
    ['patientname', 1],
    ['REPLACED', 4],
    ['a.dcm replaced', 2],
    ['b.dcm replaced', 2],
    ['uid', 1], // the action as shown, not the attribute names that contain "UID"
    ['19000101', 1],
    ['nothing like this', 0],
  ])('%j keeps %i rows', (query, n) => expect(filterAuditRows(rows, query, (a) => (a === 'uid' ? 'UID remapped' : a)).length).toBe(n));

  it('matches the action in the words the view shows', () => {
    expect(filterAuditRows(rows, '替换', (a) => ({ removed: '删除', emptied: '清空', replaced: '替换', uid: 'UID 重映射', kept: '保留' })[a]).map((r) => r.name)).toEqual(['PatientName', 'StudyDate', 'PatientID', 'PatientIdentityRemoved']);
  });
});

describe('auditCsv', () => {
  it('writes a header and one line per row, quoting commas and quotes, CRLF line ends', () => {
    const csv = auditCsv(auditRows(log).slice(0, 3), ['File', 'Tag', 'Attribute', 'Action', 'New value', 'Note'], (a) => a.toUpperCase());
    expect(csv).toBe(
      'File,Tag,Attribute,Action,New value,Note\r\n' +
        'study/a.dcm,"(0010,0010)",PatientName,REPLACED,JIMU-0123456789AB,patient pseudonym\r\n' +
        'study/a.dcm,"(0010,0030)",PatientBirthDate,EMPTIED,,Table E.1-1: Z\r\n' +
        'study/a.dcm,"(0008,0080)",InstitutionName,REMOVED,,Table E.1-1: X/Z/D\r\n',
    );
  });

  it('keeps a file name from starting a spreadsheet formula, and doubles quotes', () => {
    const csv = auditCsv([{ file: '=HYPERLINK("x")', tag: '', name: 'a "b"', action: 'kept', value: '', note: '' }], ['f', 't', 'n', 'a', 'v', 'w']);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",,"a ""b""",kept,,`);
  });
});
