import { describe, expect, it } from 'vitest';
import { CodedError, localizeError } from '../core/diagnostics/coded-error';
import { DataError } from '../data/errors';
import { MedicalFileError } from '../data/medical-error';
import { crashFailure, failureOf } from './failure-code';

describe('failureOf: Jimu errors carry their code, whatever their text says', () => {
  it.each([
    ['a backend that is missing', new CodedError('J602', { backend: 'webgl' }), 'J602', 'backend-unavailable'],
    ['images of the wrong shape', new CodedError('J702', { subset: { en: 'training', zh: '训练' }, data: '[32, 32, 1]', model: '[64, 64, 1]' }), 'J702', 'data'],
    ['no training examples', new CodedError('J705'), 'J705', 'data'],
    ['an unknown loss', new CodedError('J604', { type: 'hinge' }), 'J604', 'training-error'],
    ['a table the reader refused', new DataError('labels.csv, row 3: "x" is not a number.', 'Fix the row.'), 'J701', 'data'],
    ['a damaged NIfTI header', new MedicalFileError('bad-header', 'dim[0] is 9.'), 'J715', 'data'],
    // The English text of a Jimu error is never read: "out of memory" in a data error stays a data error.
    ['a data error whose text mentions memory', new DataError('The table says "out of memory" in row 2.', 'Fix the row.'), 'J701', 'data'],
  ] as const)('%s → %s', (_, error, code, category) => {
    const f = failureOf(error);
    expect(f.error.code).toBe(code);
    expect(f.code).toBe(category);
    expect(f.detail).toContain(error.message);
  });
});

describe('failureOf: errors from tfjs, wasm and the browser', () => {
  it.each([
    ['a RangeError (typed array too large)', new RangeError('Invalid typed array length: 14155776'), 'J601', 'out-of-memory'],
    ['wasm could not grow its memory', new Error('WebAssembly.Memory(): could not allocate memory'), 'J601', 'out-of-memory'],
    ['a WebGL texture too large', new Error('Failed to compile fragment shader: texture size exceeds the max texture size'), 'J601', 'out-of-memory'],
    ['anything else', new Error('Something else'), 'J608', 'training-error'],
    ['a thrown string', 'oops', 'J608', 'training-error'],
  ] as const)('%s → %s', (_, error, code, category) => {
    const f = failureOf(error);
    expect(f.error.code).toBe(code);
    expect(f.code).toBe(category);
  });

  it('a crashed worker is J609 unless it ran out of memory', () => {
    expect(crashFailure('Uncaught ReferenceError: x is not defined')).toMatchObject({ code: 'worker-crashed', error: { code: 'J609' } });
    expect(crashFailure('Uncaught RuntimeError: memory access out of bounds')).toMatchObject({ code: 'out-of-memory', error: { code: 'J601' } });
  });
});

describe('runtime and data errors read in both languages', () => {
  it.each([
    [new CodedError('J702', { subset: { en: 'training', zh: '训练' }, data: '[32, 32, 1]', model: '[64, 64, 1]' }), /training images have shape \[32, 32, 1\]/, /训练图像的形状为 \[32, 32, 1\]，但模型输入需要 \[64, 64, 1\]/],
    [new CodedError('J602', { backend: 'webgl' }), /"webgl" backend is not available/, /无法使用"webgl"计算后端/],
    [new MedicalFileError('truncated', 'The file has 20 bytes.'), /ends before the data .* The file has 20 bytes\./, /文件在其头部声明的数据之前就结束了。The file has 20 bytes\./],
  ])('%s', (error, en, zh) => {
    const f = failureOf(error);
    expect(localizeError(f.error, 'en').message).toMatch(en);
    expect(localizeError(f.error, 'zh').message).toMatch(zh);
    expect(localizeError(f.error, 'zh').hint).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the English text of a coded error is the catalogue text (one source)', () => {
    const e = new MedicalFileError('bad-header', 'dim[0] is 9.');
    expect(e.message).toBe(localizeError(e.diagnostic, 'en').message);
    expect(e.hint).toBe(localizeError(e.diagnostic, 'en').hint);
  });
});
