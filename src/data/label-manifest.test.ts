import { describe, expect, it } from 'vitest';
import { guessLabelColumns, manifestFromLabelTable } from './label-manifest';
import { detectLabelKind, parseManifest } from './volume-folder';

const scans = [
  { format: 'nifti', files: ['study/sub-01_T1w.nii.gz'] },
  { format: 'nifti', files: ['study/sub-02_T1w.nii'] },
  { format: 'dicom', files: ['study/sub-03/1.dcm', 'study/sub-03/2.dcm'] },
];

describe('a manifest written from the table of labels a user has', () => {
  const csv = 'subject,scan,diagnosis\nP1,sub-01_T1w,glioma\nP2,sub-02_T1w.nii,\nP3,sub-03,healthy\nP9,sub-99_T1w.nii.gz,glioma\n';

  it('matches scans by file name with or without extension, or by series folder, and lists what is missing', () => {
    const m = manifestFromLabelTable(csv, { image: 'scan', label: 'diagnosis', patient: 'subject', modality: 't1' }, scans);
    expect(m.path).toBe('study/manifest.csv');
    expect(m.folder).toBe('study');
    expect(m.labelled).toBe(2);
    expect(m.unlabelled).toEqual(['sub-02_T1w']);
    expect(m.unmatched).toEqual(['sub-99_T1w.nii.gz']);
    // The Volume Folder block's own reader reads it back: the format is the documented one.
    const read = parseManifest(m.text, m.path);
    expect(read.modalities).toEqual(['t1']);
    expect(read.items).toEqual([
      { id: 'sub-01_T1w', patient: 'P1', images: { t1: 'sub-01_T1w.nii.gz' }, label: 'glioma' },
      { id: 'sub-02_T1w', patient: 'P2', images: { t1: 'sub-02_T1w.nii' } },
      { id: 'sub-03', patient: 'P3', images: { t1: 'sub-03/' }, label: 'healthy' },
    ]);
    expect(detectLabelKind(read.items)).toBe('class');
  });

  it('keeps numbers as numbers and names a scan without a patient by itself', () => {
    const m = manifestFromLabelTable('file;age\nsub-01_T1w.nii.gz;63.5\nsub-03;71\n', { image: 'file', label: 'age' }, scans);
    const read = parseManifest(m.text, m.path);
    expect(read.items.map((i) => [i.patient, i.label])).toEqual([['sub-01_T1w', '63.5'], ['sub-02_T1w', undefined], ['sub-03', '71']]);
    expect(detectLabelKind(read.items)).toBe('number');
  });

  it('quotes names that hold commas or quotes', () => {
    const m = manifestFromLabelTable('scan,label\nsub-01_T1w,"grade 2, IDH ""mutant"""\n', { image: 'scan', label: 'label' }, scans.slice(0, 1));
    expect(parseManifest(m.text, m.path).items[0]!.label).toBe('grade 2, IDH "mutant"');
  });

  it('guesses the image column as the one naming the scans, and the label and patient columns by their names', () => {
    expect(guessLabelColumns(csv, scans).guess).toEqual({ image: 'scan', label: 'diagnosis', patient: 'subject' });
    expect(guessLabelColumns('name,age\nsub-01_T1w,63\n', scans).guess).toEqual({ image: 'name', label: 'age', patient: '' });
  });
});
