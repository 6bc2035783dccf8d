/** The shared shape of the four global pooling blocks: an image or volume in, one value per channel out. */
import { z } from 'zod';
import { defineLayer, formatShape, LAYOUT, perExample, requireRank, type BlockDef, type Text } from '../../src/core';

export interface GlobalPoolingSpec {
  type: 'GlobalAveragePooling2D' | 'GlobalAveragePooling3D' | 'GlobalMaxPooling2D' | 'GlobalMaxPooling3D';
  label: Text;
  doc: Text;
}

export function globalPooling(spec: GlobalPoolingSpec): BlockDef {
  const dims = spec.type.endsWith('3D') ? 3 : 2;
  const average = spec.type.startsWith('GlobalAverage');
  const other = `${average ? 'GlobalAveragePooling' : 'GlobalMaxPooling'}${dims === 2 ? 3 : 2}D`;
  return defineLayer({
    type: spec.type,
    label: spec.label,
    doc: spec.doc,
    params: z.strictObject({}),
    shape(input, _p, ctx) {
      const fix: Text =
        input.length === 2
          ? { en: `${formatShape(input)} is already a vector: remove this block.`, zh: `${formatShape(input)} 已经是向量：请删除此模块。` }
          : input.length === (dims === 2 ? 5 : 4)
            ? { en: `This link carries ${dims === 2 ? 'a volume' : 'an image'}: use ${other} instead.`, zh: `这条连线传来的是${dims === 2 ? '体数据' : '图像'}：请改用 ${other}。` }
            : { en: `Add a Reshape before this block to make ${formatShape(input)} ${dims === 2 ? 'an image' : 'a volume'}.`, zh: `请在此模块前加“重塑”，把 ${formatShape(input)} 变成${dims === 2 ? '图像' : '体数据'}。` };
      const bad = requireRank(input, [dims + 2], ctx, dims === 2 ? LAYOUT.image : LAYOUT.volume, fix);
      return bad ?? [null, input[input.length - 1]!];
    },
    lower: () => ({ className: spec.type, config: {} }),
    // Averaging adds every input value once; taking a maximum only compares values.
    cost: (_p, { inputs }) => ({ params: 0, macs: average ? perExample(inputs[0]!) : 0 }),
  });
}
