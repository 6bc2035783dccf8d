import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../../blocks';
import { compile, type Plan } from '../../../core';
import { readVolume } from '../../../data/medical';
import { prepareVolume, volumeMismatch } from './single-volume';

const template = (file: string) => JSON.parse(readFileSync(new URL(`../../../../public/templates/${file}`, import.meta.url), 'utf8')) as Parameters<typeof compile>[0];
const planOf = (file: string): Plan => {
  const r = compile(template(file), REGISTRY);
  if (!r.plan) throw new Error(JSON.stringify(r.diagnostics));
  return r.plan;
};
const withInput = (shape: (number | null)[]) => ({ model: { inputs: [{ shape }] } }) as unknown as Plan;

describe('the real Colin27 brain and the models it can be fed to', () => {
  it('meets the brain-age template’s [32, 32, 32, 1] input by resampling', async () => {
    const plan = planOf('brain-age.pipeline.json');
    expect(volumeMismatch(plan)).toBeNull();
    const volume = await readVolume(new Uint8Array(readFileSync(new URL('../../../../public/samples/colin27-t1-2mm.nii.gz', import.meta.url))));
    const out = await prepareVolume(volume, plan, REGISTRY);
    expect(out.shape).toEqual([32, 32, 32, 1]);
    expect(out.x.length).toBe(32 ** 3);
    expect(out.fitted.voxel).toBeCloseTo(6.8125, 4);
  });

  it.each<[string, Plan, string | null]>([
    ['a 2D image model (fundus)', planOf('fundus-screening.pipeline.json'), 'real_cannot_2d'],
    ['a four-channel volume model (glioma)', planOf('glioma-segmentation.pipeline.json'), 'real_cannot_channels'],
    ['a volume of unknown size', withInput([null, null, 32, 32, 1]), 'real_cannot_shape'],
    ['a one-channel volume model', withInput([null, 16, 24, 24, 1]), null],
  ])('says whether it can be fed to %s', (_, plan, key) => {
    expect(volumeMismatch(plan)?.key ?? null).toBe(key);
  });
});
