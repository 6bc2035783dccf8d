import { describe, expect, it } from 'vitest';
import { flatPng, memoryIO, png } from '../../src/data/testing/fixtures';
import ImageFolder from './ImageFolder';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('ImageFolder: inference', () => {
  it.each([
    { name: 'class names', params: { labelColumns: ['dx'], classes: ['normal', 'glaucoma', 'cataract'] }, label: [3], task: 'multiclass', labelNames: ['normal', 'glaucoma', 'cataract'] },
    { name: 'numbers', params: { labelColumns: ['age'], height: 64, width: 48, channels: 1 }, image: [64, 48, 1], label: [1], task: 'regression', labelNames: ['age'] },
    { name: 'one 0/1 column per finding', params: { labelColumns: ['N', 'D', 'G', 'C'] }, label: [4], task: 'multilabel', labelNames: ['N', 'D', 'G', 'C'] },
  ])('$name', ({ params, image = [128, 128, 3], label, task, labelNames }) => {
    expect(inferOk(ImageFolder, params).outputs.data).toEqual({ kind: 'dataset', image, label, task, labelNames, count: null, steps: [] });
  });

  it.each([
    ['a label column listed twice', { labelColumns: ['a', 'a'] }, 'J304'],
    ['the id column as a label', { idColumn: 'file', labelColumns: ['file'] }, 'J304'],
    ['the patient column as a label', { patientColumn: 'pid', labelColumns: ['pid'] }, 'J304'],
    ['one class', { classes: ['normal'] }, 'J304'],
    ['a class listed twice', { classes: ['a', 'b', 'a'] }, 'J304'],
    ['classes with several columns', { labelColumns: ['a', 'b'], classes: ['x', 'y'] }, 'J304'],
    ['no label column', { labelColumns: [] }, 'J102'],
    ['two channels', { channels: 2 }, 'J102'],
    ['an empty folder name', { folder: ' ' }, 'J102'],
  ])('refuses %s', (_name, params, code) => expect(inferCodes(ImageFolder, params)).toContain(code));
});

describe('ImageFolder: run', () => {
  it('reads the files through the DataIO as inferred', async () => {
    const io = memoryIO({
      'data/labels.csv': 'file,patient,finding\nimg1,P1,yes\nimg2,P2,no\nimg3,P1,no\n',
      'data/img/img1.png': flatPng(3, 2, 255, 3),
      'data/img/img2.png': png(3, 2, 3, new Array<number>(18).fill(0)),
      'data/img/img3.png': flatPng(3, 2, 51, 3),
    });
    const params = { folder: 'data/img', labels: 'data/labels.csv', idColumn: 'file', patientColumn: 'patient', labelColumns: ['finding'], classes: ['no', 'yes'], height: 2, width: 3, channels: 3 };
    const set = await runBlock(ImageFolder, params, undefined, 'data', io);
    expectAsInferred(set, inferOk(ImageFolder, params).outputs.data!);
    expect(set.groups).toEqual(['P1', 'P2', 'P1']);
    expect(Array.from(set.y)).toEqual([0, 1, 1, 0, 1, 0]);
    expect(set.x[0]).toBe(1);
    expect(set.x[18]).toBe(0);
    expect(set.x[36]).toBeCloseTo(0.2, 6);
  });
});
