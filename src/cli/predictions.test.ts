import { describe, expect, it } from 'vitest';
import type { DataStep } from '../core';
import { caseGeometry, subsetOf } from './predictions';

const step = (type: string, params: Record<string, unknown> = {}, output = 'data'): DataStep => ({ block: type.toLowerCase(), type, params, output });

describe('caseGeometry: spacing and channel names for sets that record no spacing', () => {
  it.each([
    ['a Volume Folder with a spacing', [step('VolumeFolder', { spacing: [0.8, 0.8, 2], modalities: ['t1', 'flair'] }), step('Split', {}, 'test')], { spacing: [0.8, 0.8, 2], channelNames: ['t1', 'flair'] }],
    ['a Volume Folder keeping each file’s spacing', [step('VolumeFolder', { spacing: null, modalities: ['ct'] })], { spacing: null, channelNames: ['ct'] }],
    ['Sample Dose (4 mm voxels) with its channels', [step('SampleDose')], { spacing: [4, 4, 4], channelNames: ['ct', 'ptv', 'spinal_cord', 'parotid'] }],
    ['a grid changed by Resize', [step('SampleDose'), step('Resize')], { spacing: null }],
    ['a grid changed by Resample', [step('VolumeFolder', { spacing: [1, 1, 1] }), step('Resample')], { spacing: null }],
    ['2D images', [step('SampleShapes')], { spacing: null }],
  ])('%s', (_name, steps, expected) => expect(caseGeometry(steps)).toMatchObject(expected));
});

describe('subsetOf', () => {
  it('names the last split output, else the fallback', () => {
    expect(subsetOf([step('SampleShapes'), step('Split', {}, 'test')], 'validation')).toBe('test');
    expect(subsetOf([step('SampleShapes')], 'test')).toBe('test');
  });
});
