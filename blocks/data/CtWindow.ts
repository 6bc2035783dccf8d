import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { CT_WINDOWS } from '../../src/data/volume-ops';
import { windowExamples } from '../../src/data/volume-transforms';

/** CT intensity windowing (window level and width, with the usual presets). */
export default defineBlock({
  type: 'CtWindow',
  category: 'preprocessing',
  version: 1,
  label: { en: 'CT Window', zh: 'CT 窗宽窗位' },
  doc: {
    en: 'Shows the network a CT scan the way a radiologist looks at it: only Hounsfield units inside a window matter, everything darker becomes 0 and everything brighter 1. Presets: brain (level 40, width 80), lung (−600, 1500), abdomen (50, 400), bone (400, 1800), soft tissue (50, 350); or set your own level and width. Use it before any other normalisation, on CT channels only.',
    zh: '让网络像放射科医生一样看 CT：只有窗内的亨氏单位有意义，更暗的都变为 0，更亮的都变为 1。预设：脑（窗位 40，窗宽 80）、肺（−600，1500）、腹部（50，400）、骨（400，1800）、软组织（50，350）；也可自定义窗位和窗宽。请在其他归一化之前使用，且只用于 CT 通道。',
  },
  inputs: { data: port.dataset({ label: { en: 'dataset', zh: '数据集' } }) },
  outputs: { data: port.dataset({ label: { en: 'windowed', zh: '加窗后' } }) },
  params: z.strictObject({
    preset: z.enum(['brain', 'lung', 'abdomen', 'bone', 'softTissue', 'custom']).default('softTissue').describe('brain, lung, abdomen, bone, softTissue or custom'),
    level: z.number().finite().default(50).describe('window level (centre) in HU; used by custom'),
    width: z.number().positive().default(350).describe('window width in HU; used by custom'),
    channel: z.number().int().min(0).nullable().default(null).describe('the CT channel from 0; empty for all'),
  }),
  paramText: {
    preset: { label: { en: 'Preset', zh: '预设' } },
    level: { label: { en: 'Level (HU)', zh: '窗位（HU）' }, doc: { en: 'Only for "custom".', zh: '仅用于“自定义”。' } },
    width: { label: { en: 'Width (HU)', zh: '窗宽（HU）' }, doc: { en: 'Only for "custom".', zh: '仅用于“自定义”。' } },
    channel: { label: { en: 'Channel', zh: '通道' }, doc: { en: 'Which channel is CT (0 is the first); empty for all channels.', zh: '哪个通道是 CT（0 为第一个）；留空则所有通道。' } },
  },
  infer({ data }, p, ctx) {
    const channels = data.image[data.image.length - 1]!;
    if (p.channel !== null && p.channel >= channels) {
      return { issues: [ctx.fail('J304', { detail: { en: `channel ${p.channel} does not exist; the images have ${channels}`, zh: `通道 ${p.channel} 不存在；图像只有 ${channels} 个通道` }, fix: { en: 'Choose a channel from 0, or leave it empty for all.', zh: '请选择从 0 开始的通道，或留空表示全部。' } })] };
    }
    return { outputs: { data: { ...data } } };
  },
  run: {
    // Each scan on its own: the same result case by case as on the whole set.
    perCase: () => 1,
    transform: (set, p) => {
      const w = p.preset === 'custom' ? { level: p.level, width: p.width } : CT_WINDOWS[p.preset];
      return windowExamples(set, { ...w, channel: p.channel });
    },
  },
});
