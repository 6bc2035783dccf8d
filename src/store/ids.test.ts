import { describe, expect, it } from 'vitest';
import { idStem, isValidId, newBlockId } from './ids';

describe('block ids', () => {
  it.each([
    ['Dense', 'dense'],
    ['Conv2D', 'conv2d'],
    ['3D thing', 'b3dthing'],
    ['Soft-Dice', 'softdice'],
  ])('%s has the stem %s', (type, stem) => {
    expect(idStem(type)).toBe(stem);
    expect(isValidId(newBlockId(type, new Set()))).toBe(true);
  });

  it('takes the smallest free number', () => {
    expect(newBlockId('Dense', new Set(['dense1', 'dense3']))).toBe('dense2');
  });

  it('keeps long type names within the id limit', () => {
    expect(isValidId(newBlockId('A'.repeat(100), new Set()))).toBe(true);
  });
});
