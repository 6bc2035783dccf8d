import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { readVolumeFolder, volumeFolderCases } from '../../src/data/volume-folder';

const name = z.string().trim().min(1);
const voxels = z.number().int().min(1).max(1024);
const mm = z.number().positive().max(100);

/**
 * 3D scans (NIfTI files or DICOM series folders) listed by a manifest, one item per row with its
 * patient, one image per modality and an optional label (class, number or mask); docs/datasets.md.
 *
 * The compiler checks shapes before any file is read, so the block states the size every volume is
 * brought to and the modalities it stacks as channels; reading resamples, crops and pads to match.
 */
export default defineBlock({
  type: 'VolumeFolder',
  category: 'data',
  version: 1,
  label: { en: 'Volume Folder', zh: '三维影像文件夹' },
  doc: {
    en: 'Loads your own 3D scans (CT, MRI, PET as NIfTI files or DICOM series) from a folder with a manifest that lists one row per scan: the patient, one file per modality (for example T1, T1ce, T2 and FLAIR) and a label — a class name, a number such as age, or a mask file for segmentation. Modalities become channels. Every scan is resampled to the voxel spacing you give (smooth interpolation for images, nearest for masks, so masks stay whole) and cropped or padded to the size you give, around the middle of the scan or around the mask. The Datasets page writes the manifest from a table of labels you already have (see its guide “How to prepare a dataset”).',
    zh: '从带有清单的文件夹载入您自己的三维扫描（CT、MRI、PET，NIfTI 文件或 DICOM 序列）。清单每行一个扫描：病人、每个模态一个文件（例如 T1、T1ce、T2 和 FLAIR）以及标签——类别名称、数值（如年龄）或用于分割的掩膜文件。各模态成为通道。每个扫描都被重采样到您给定的体素间距（图像用平滑插值，掩膜用最近邻，掩膜保持整数），并围绕扫描中心或掩膜中心裁剪或填充到您给定的尺寸。“数据集”页面可根据你已有的标签表格写出清单（见该页的“如何准备数据集”）。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'volumes and labels', zh: '影像和标签' } }) },
  params: z.strictObject({
    folder: z.string().trim().default('.').describe('the dataset folder'),
    manifest: name.default('manifest.json').describe('the manifest file (JSON or CSV) in the folder'),
    modalities: z.array(name).min(1).default(['image']).describe('the modality names of the manifest, in channel order'),
    labelKind: z.enum(['auto', 'class', 'number', 'mask', 'none']).default('mask').describe('class, number, mask, none or auto'),
    classes: z.array(name).default([]).describe('class names in order (class labels), or mask label names starting with the background'),
    spacing: z.tuple([mm, mm, mm]).nullable().default([1, 1, 1]).describe('voxel spacing x, y, z in mm; empty keeps each file’s spacing'),
    size: z.tuple([voxels, voxels, voxels]).default([96, 96, 96]).describe('volume size x, y, z in voxels'),
    crop: z.enum(['centre', 'foreground']).default('centre').describe('centre or foreground'),
  }),
  paramText: {
    folder: { label: { en: 'Dataset folder', zh: '数据集文件夹' } },
    manifest: { label: { en: 'Manifest', zh: '清单文件' }, doc: { en: 'A JSON or CSV file listing patient, images and label of each scan.', zh: '列出每个扫描的病人、图像和标签的 JSON 或 CSV 文件。' } },
    modalities: { label: { en: 'Modalities (channels)', zh: '模态（通道）' }, doc: { en: 'Names as the manifest spells them, for example t1, t1ce, t2, flair.', zh: '与清单中写法一致的名称，例如 t1、t1ce、t2、flair。' } },
    labelKind: { label: { en: 'Label', zh: '标签类型' }, doc: { en: 'A class per scan, a number per scan, a mask file per scan (segmentation), or none.', zh: '每个扫描一个类别、一个数值、一个掩膜文件（分割），或没有标签。' } },
    classes: { label: { en: 'Classes', zh: '类别' }, doc: { en: 'For class labels: the class names in order. For masks: names of the values 0, 1, 2 … (optional).', zh: '类别标签：按顺序的类别名称。掩膜：数值 0、1、2 … 的名称（可选）。' } },
    spacing: { label: { en: 'Voxel spacing (mm)', zh: '体素间距（毫米）' }, doc: { en: 'x, y, z. Empty: keep each file’s own spacing.', zh: 'x、y、z。留空则保留文件本身的间距。' } },
    size: { label: { en: 'Size (voxels)', zh: '尺寸（体素）' }, doc: { en: 'x, y, z after resampling; larger scans are cropped, smaller ones padded.', zh: '重采样后的 x、y、z；更大的扫描被裁剪，更小的被填充。' } },
    crop: { label: { en: 'Crop around', zh: '裁剪中心' }, doc: { en: 'The middle of the scan, or the middle of the mask (segmentation).', zh: '扫描的中心，或掩膜的中心（分割）。' } },
  },
  infer(_inputs, p, ctx) {
    if (p.labelKind === 'class' && p.classes.length < 2) {
      return { issues: [ctx.fail('J304', { detail: { en: 'class labels need at least two classes', zh: '类别标签至少需要两个类别' }, fix: { en: 'List the class names under Classes, for example "young" and "old".', zh: '请在“类别”中列出类别名称，例如 "young" 和 "old"。' } })] };
    }
    if (p.labelKind === 'auto') {
      return { issues: [ctx.fail('J304', { detail: { en: 'the label kind must be chosen so the model can be checked before files are read', zh: '需要选定标签类型，才能在读取文件前检查模型' }, fix: { en: 'Choose class, number, mask or none.', zh: '请选择类别、数值、掩膜或无。' } })] };
    }
    const [x, y, z] = p.size;
    const image = [z, y, x, p.modalities.length];
    const kind = p.labelKind;
    return {
      outputs: {
        data: {
          kind: 'dataset',
          image,
          label: kind === 'mask' ? [z, y, x, 1] : kind === 'class' ? [p.classes.length] : kind === 'number' ? [1] : [0],
          task: kind === 'mask' ? 'segmentation' : kind === 'class' ? 'multiclass' : 'regression',
          labelNames: kind === 'mask' ? (p.classes.length ? [...p.classes] : ['background', 'label 1']) : kind === 'class' ? [...p.classes] : [],
          count: null,
          steps: [],
          ...(p.spacing ? { spacing: [...p.spacing] } : {}),
        },
      },
    };
  },
  run: {
    source: async (p, io) => {
      // Without names, a mask's label names are the ones inference promised.
      const classes = p.classes.length === 0 && p.labelKind === 'mask' ? ['background', 'label 1'] : p.classes;
      return readVolumeFolder(io, { folder: p.folder, manifest: p.manifest, labelKind: p.labelKind, spacing: p.spacing, size: p.size, crop: p.crop, modalities: p.modalities, classes });
    },
    cases: async (p, io) => {
      const classes = p.classes.length === 0 && p.labelKind === 'mask' ? ['background', 'label 1'] : p.classes;
      return volumeFolderCases(io, { folder: p.folder, manifest: p.manifest, labelKind: p.labelKind, spacing: p.spacing, size: p.size, crop: p.crop, modalities: p.modalities, classes });
    },
  },
});
