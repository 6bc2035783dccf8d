import { z } from 'zod';
import { defineBlock, port, type BlockIssue, type InferContext } from '../../src/core';
import { readImageFolder } from '../../src/data/image-folder';

const dim = z.number().int().min(1).max(4096);
const name = z.string().trim().min(1);

/**
 * PNG/JPEG images in a folder, labelled by a CSV table.
 *
 * The compiler checks shapes before any file is read (and in the browser, before the files are even
 * chosen), so the block says the image size and the labels up front: Height, Width and Channels give
 * the image shape; the label columns and Classes give the label shape and task. Reading then checks
 * the files against them and says exactly what differs.
 */
export default defineBlock({
  type: 'ImageFolder',
  category: 'data',
  version: 1,
  label: { en: 'Image Folder', zh: '图像文件夹' },
  doc: {
    en: 'Loads your own 2D images (PNG or JPEG, such as fundus photos or X-ray exports) from a folder, with their labels from a CSV table that has one row per image. The table names each image in an id column (file name, with or without the extension) and gives its label: one column of class names (for example "normal" or "glaucoma": list the classes below), one column of numbers (such as age: leave Classes empty), or one 0/1 column per finding when an image can have several. Add a patient column so that a split keeps all images of one patient together. Set the image size here so Jimu can check the model before reading the files; if the images come in several sizes, turn on "Resize while reading".',
    zh: '从文件夹载入您自己的二维图像（PNG 或 JPEG，例如眼底照片或导出的 X 线片），标签来自一个每张图像占一行的 CSV 表格。表格的 id 列写出图像文件名（可带或不带扩展名），并给出标签：一列类别名称（例如“normal”或“glaucoma”，请在下方列出类别），一列数值（例如年龄，类别留空），或在一张图像可有多个发现时每个发现一列 0/1。添加病人列可让划分数据时同一病人的图像始终在一起。请在此填写图像尺寸，以便 Jimu 在读取文件前检查模型；如果图像尺寸不一，请打开“读取时缩放”。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'images and labels', zh: '图像和标签' } }) },
  params: z.strictObject({
    folder: name.default('images').describe('the folder that holds the images'),
    labels: name.default('labels.csv').describe('the path of the CSV label table'),
    idColumn: name.default('id').describe('a column name of the label table'),
    labelColumns: z.array(name).min(1).default(['label']).describe('one or more column names of the label table'),
    classes: z.array(name).default([]).describe('class names in order; empty for numbers or several 0/1 columns'),
    patientColumn: z.string().trim().default('').describe('a column name, or empty'),
    height: dim.default(128).describe('whole number from 1 to 4096'),
    width: dim.default(128).describe('whole number from 1 to 4096'),
    channels: z.union([z.literal(1), z.literal(3)]).default(3).describe('1 (grey) or 3 (colour)'),
    resize: z.boolean().default(false),
  }),
  paramText: {
    folder: { label: { en: 'Image folder', zh: '图像文件夹' } },
    labels: { label: { en: 'Label table (CSV)', zh: '标签表（CSV）' } },
    idColumn: { label: { en: 'Image id column', zh: '图像 id 列' }, doc: { en: 'The column that names each image file.', zh: '写有图像文件名的列。' } },
    labelColumns: {
      label: { en: 'Label columns', zh: '标签列' },
      doc: { en: 'One column of class names or numbers, or several 0/1 columns (one per finding).', zh: '一列类别名称或数值，或多列 0/1（每个发现一列）。' },
    },
    classes: {
      label: { en: 'Classes', zh: '类别' },
      doc: { en: 'The class names used in the label column, in the order the model outputs them. Leave empty when the column holds numbers.', zh: '标签列中使用的类别名称，按模型输出的顺序排列。标签列为数值时留空。' },
    },
    patientColumn: {
      label: { en: 'Patient column', zh: '病人列' },
      doc: { en: 'Optional: images of one patient always stay on the same side of a split.', zh: '可选：同一病人的图像在划分数据时始终在同一侧。' },
    },
    height: { label: { en: 'Image height', zh: '图像高度' } },
    width: { label: { en: 'Image width', zh: '图像宽度' } },
    channels: {
      label: { en: 'Channels', zh: '通道数' },
      doc: { en: '1 turns colour images grey; 3 repeats grey images into three channels.', zh: '1 会把彩色图像转为灰度；3 会把灰度图像复制为三个通道。' },
    },
    resize: {
      label: { en: 'Resize while reading', zh: '读取时缩放' },
      doc: { en: 'Bring every image to height × width as it is read, whatever its size in the file.', zh: '读取时把每张图像缩放到 高 × 宽，无论文件中的尺寸如何。' },
    },
  },
  infer(_inputs, p, ctx) {
    const issues = checkLabels(p, ctx);
    if (issues.length) return { issues };
    const multi = p.labelColumns.length > 1;
    const classified = !multi && p.classes.length > 0;
    return {
      outputs: {
        data: {
          kind: 'dataset',
          image: [p.height, p.width, p.channels],
          label: [multi ? p.labelColumns.length : classified ? p.classes.length : 1],
          task: multi ? 'multilabel' : classified ? 'multiclass' : 'regression',
          labelNames: classified ? [...p.classes] : [...p.labelColumns],
          count: null,
          steps: [],
        },
      },
    };
  },
  run: { source: (p, io) => readImageFolder(io, p) },
});

function checkLabels(p: { idColumn: string; labelColumns: string[]; classes: string[]; patientColumn: string }, ctx: InferContext): BlockIssue[] {
  const fail = (en: string, zh: string, fixEn: string, fixZh: string) => ctx.fail('J304', { detail: { en, zh }, fix: { en: fixEn, zh: fixZh } });
  const issues: BlockIssue[] = [];
  const twice = (list: string[]) => list.find((v, i) => list.indexOf(v) !== i);
  const col = twice(p.labelColumns);
  if (col !== undefined) issues.push(fail(`the label column "${col}" is listed twice`, `标签列 "${col}" 出现了两次`, 'List each label column once.', '每个标签列只列一次。'));
  if (p.labelColumns.includes(p.idColumn)) {
    issues.push(fail(`"${p.idColumn}" is both the id column and a label column`, `"${p.idColumn}" 既是 id 列又是标签列`, 'The id column names the image; choose other columns for the labels.', 'id 列用于写图像名称；请为标签选择其他列。'));
  }
  if (p.patientColumn && p.labelColumns.includes(p.patientColumn)) {
    issues.push(fail(`"${p.patientColumn}" is both the patient column and a label column`, `"${p.patientColumn}" 既是病人列又是标签列`, 'Choose another column for the labels.', '请为标签选择其他列。'));
  }
  const cls = twice(p.classes);
  if (cls !== undefined) issues.push(fail(`the class "${cls}" is listed twice`, `类别 "${cls}" 出现了两次`, 'List each class once.', '每个类别只列一次。'));
  if (p.classes.length > 0 && p.labelColumns.length > 1) {
    issues.push(
      fail(
        `classes are given, but there are ${p.labelColumns.length} label columns`,
        `填写了类别，但有 ${p.labelColumns.length} 个标签列`,
        'Classes are for one column of class names. With one 0/1 column per finding, leave Classes empty.',
        '类别只用于一列类别名称的情况。若每个发现一列 0/1，请清空类别。',
      ),
    );
  }
  if (p.classes.length === 1) {
    issues.push(fail('only one class is listed', '只列出了一个类别', 'A classifier needs at least two classes (for example "normal" and "disease").', '分类至少需要两个类别（例如 "normal" 和 "disease"）。'));
  }
  return issues;
}
