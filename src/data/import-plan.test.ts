import { describe, expect, it } from 'vitest';
import { importRoot, planCases } from './import-plan';

const f = (path: string, size = 10) => ({ path, size, lastModified: 1 });

describe('planning an import case by case', () => {
  it.each([
    ['a NIfTI file or a table is a case of its own', [f('s/b.nii.gz'), f('s/a.nii'), f('s/manifest.csv')], [['s/a.nii'], ['s/b.nii.gz'], ['s/manifest.csv']]],
    ['DICOM files are one case per folder (a series)', [f('s/ct/2.dcm'), f('s/ct/1.dcm'), f('s/mr/IM0'), f('s/t1.nii')], [['s/ct/1.dcm', 's/ct/2.dcm'], ['s/mr/IM0'], ['s/t1.nii']]],
    ['files at the top without a folder are one series', [f('x.dcm'), f('y.dcm')], [['x.dcm', 'y.dcm']]],
  ])('%s', (_, sources, expected) => {
    expect(planCases(sources).map((c) => c.sources.map((s) => s.path))).toEqual(expected);
  });

  it('counts each case’s bytes and names a series by its folder', () => {
    expect(planCases([f('s/ct/1.dcm', 5), f('s/ct/2.dcm', 7), f('s/t1.nii', 3)]).map((c) => [c.name, c.bytes])).toEqual([
      ['s/ct', 12],
      ['s/t1.nii', 3],
    ]);
  });

  it('splits a large series into parts no larger than the limit (a file larger than it is a part alone)', () => {
    const cases = planCases([f('s/1.dcm', 40), f('s/2.dcm', 40), f('s/3.dcm', 30), f('s/4.dcm', 200)], 100);
    expect(cases.map((c) => [c.name, c.sources.map((s) => s.path)])).toEqual([
      ['s (1/3)', ['s/1.dcm', 's/2.dcm']],
      ['s (2/3)', ['s/3.dcm']],
      ['s (3/3)', ['s/4.dcm']],
    ]);
  });

  it('loses and repeats no file', () => {
    const sources = Array.from({ length: 150 }, (_, i) => f(i % 3 ? `d/s${i % 7}/${i}.dcm` : `d/v${i}.nii.gz`, i));
    const planned = planCases(sources, 300).flatMap((c) => c.sources.map((s) => s.path));
    expect(planned.sort()).toEqual(sources.map((s) => s.path).sort());
  });

  it('names the picked folder (or the first file picked alone)', () => {
    expect(importRoot([f('study/a/1.dcm'), f('study/b.nii')])).toBe('study');
    expect(importRoot([f('t1.nii')])).toBe('t1.nii');
  });
});
