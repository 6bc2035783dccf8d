import { describe, expect, it } from 'vitest';
import { planCases } from './import-plan';
import { planResume } from './import-resume';

const f = (path: string, size = 10, lastModified = 1) => ({ path, size, lastModified });

describe('resuming an interrupted import', () => {
  const picked = [f('s/a.nii'), f('s/b.nii'), f('s/ct/1.dcm'), f('s/ct/2.dcm'), f('s/c.nii', 20)];
  const cases = planCases(picked);

  it('skips the cases whose every file is done, by name, size and date', () => {
    const plan = planResume(cases, [f('s/a.nii'), f('s/ct/1.dcm'), f('s/ct/2.dcm')]);
    expect(plan.todo.map((c) => c.name)).toEqual(['s/b.nii', 's/c.nii']);
    expect([plan.skipped, plan.skippedBytes, plan.changed]).toEqual([2, 30, []]);
  });

  it.each([
    ['a file whose size changed', [f('s/a.nii', 11)], ['s/a.nii']],
    ['a file whose date changed', [f('s/a.nii', 10, 2)], ['s/a.nii']],
  ])('imports again, replacing it, %s', (_, done, changed) => {
    const plan = planResume(cases, done);
    expect(plan.todo.map((c) => c.name)).toContain('s/a.nii');
    expect(plan.changed).toEqual(changed);
  });

  it('imports a whole series again when one of its files is missing', () => {
    const plan = planResume(cases, [f('s/ct/1.dcm')]);
    expect(plan.todo.map((c) => c.name)).toContain('s/ct');
  });

  it('never matches a file the browser gave no size or date for', () => {
    const plan = planResume(planCases([{ path: 's/a.nii' }]), [f('s/a.nii')]);
    expect([plan.todo.length, plan.changed]).toEqual([1, ['s/a.nii']]);
  });

  it('skips nothing for a fresh start, everything when all is done', () => {
    expect(planResume(cases, []).todo).toHaveLength(cases.length);
    expect(planResume(cases, picked)).toMatchObject({ todo: [], skipped: cases.length, skippedBytes: 60 });
  });
});
