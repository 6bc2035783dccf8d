import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';
import ImageFolder from '../../blocks/data/ImageFolder';
import { main } from '../cli/main';
import { diskIO } from '../cli/files';
import type { ExampleSet } from '../core';
import { createRandom } from '../data/random';
import { greyJpeg, jpeg, png } from '../data/testing/fixtures';
import { IMAGE_FOLDER_TOLERANCE } from './readme';
import { PYTHON_SRC, python, torchMissing } from './testing/python';

// Image Folder read by Jimu (fast-png, jpeg-js, src/data/image-folder.ts) and by the exported project
// (Pillow, jimu_torch/images.py) from the same files: PNGs of every kind Jimu decodes give the same values
// (resizing rounds in another order), 16-bit colour PNGs lose their low byte in Pillow, and JPEGs differ as
// libjpeg and jpeg-js differ; the bounds are the ones the export's README states (IMAGE_FOLDER_TOLERANCE).

const dir = mkdtempSync(join(tmpdir(), 'jimu-image-folder-parity-'));
const samples = new URL('../../public/samples/', import.meta.url).pathname;
const [H, W] = [20, 24];

/** Sub-byte PNG samples packed as the format stores them (rows padded to whole bytes). */
function pack(values: number[], width: number, depth: 1 | 2 | 4): Uint8Array {
  const rowBytes = Math.ceil((width * depth) / 8);
  const out = new Uint8Array(rowBytes * (values.length / width));
  values.forEach((v, i) => {
    const bit = (i % width) * depth;
    out[Math.floor(i / width) * rowBytes + (bit >> 3)]! |= v << (8 - depth - (bit & 7));
  });
  return out;
}

/** A photo-like picture: smooth shading, a bright disc with a sharp coloured edge, noise; `max` is the sample range. */
function picture(width: number, height: number, channels: number, max: number, seed: number): number[] {
  const r = createRandom(seed);
  const [cx, cy, radius] = [width * (0.3 + 0.4 * r.next()), height * (0.3 + 0.4 * r.next()), Math.min(width, height) * 0.25];
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.hypot(x - cx, y - cy) < radius;
      for (let c = 0; c < channels; c++) {
        const v = 0.3 + 0.2 * Math.sin(x * 0.4 + c) * Math.cos(y * 0.3) + (inside ? (c === 0 ? 0.45 : -0.2) : 0) + 0.03 * r.normal();
        out.push(Math.round(Math.min(1, Math.max(0, v)) * max));
      }
    }
  }
  return out;
}

const levels = (depth: 1 | 2 | 4, seed: number) => picture(W, H, 1, 2 ** depth - 1, seed);

/** The files under `dir`: one folder per case, each with its label table. */
function writeFixtures(): void {
  const put = (path: string, bytes: Uint8Array | string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  };
  const pngs: [string, Uint8Array][] = [
    ['rgb8.png', png(W, H, 3, picture(W, H, 3, 255, 1))],
    ['rgba8.png', png(W, H, 4, picture(W, H, 4, 255, 2))],
    ['grey8.png', png(W, H, 1, picture(W, H, 1, 255, 3))],
    ['greya8.png', png(W, H, 2, picture(W, H, 2, 255, 4))],
    ['grey16.png', png(W, H, 1, picture(W, H, 1, 65535, 5), 16)],
    ['grey1.png', encodePng({ width: W, height: H, channels: 1, depth: 1, data: pack(levels(1, 6), W, 1) })],
    ['grey2.png', encodePng({ width: W, height: H, channels: 1, depth: 2, data: pack(levels(2, 7), W, 2) })],
    ['grey4.png', encodePng({ width: W, height: H, channels: 1, depth: 4, data: pack(levels(4, 8), W, 4) })],
    ['palette.png', encodePng({ width: W, height: H, channels: 1, depth: 8, data: Uint8Array.from(levels(4, 9)), palette: Array.from({ length: 16 }, (_, i) => [i * 16, 255 - i * 13, (i * 57) % 256]) })],
  ];
  for (const [name, bytes] of pngs) put(`png/${name}`, bytes);
  // Semicolons, a patient column, ids with and without the extension, one class per image.
  put('png/labels.csv', ['file;patient;finding', ...pngs.map(([name], i) => `${i % 2 ? name : name.replace('.png', '')};P${Math.floor(i / 2)};${i % 3 ? 'disc' : 'ring'}`)].join('\n'));
  // Regression and several 0/1 columns over the same images.
  put('png/ages.csv', ['id,age', ...pngs.map(([name], i) => `${name},${40 + 3.5 * i}`)].join('\r\n'));
  put('png/findings.csv', ['id,N,D,G', ...pngs.map(([name], i) => `${name},${i % 2},${i % 3 ? 'yes' : 'no'},${i === 4 ? 1 : 0}`)].join('\n'));

  put('deep/rgb16.png', png(W, H, 3, picture(W, H, 3, 65535, 10), 16));
  put('deep/rgba16.png', png(W, H, 4, picture(W, H, 4, 65535, 11), 16));
  put('deep/labels.csv', 'id,label\nrgb16,ring\nrgba16,disc\n');

  mkdirSync(join(dir, 'fundus'), { recursive: true });
  copyFileSync(join(samples, 'fundus-retina-512.jpg'), join(dir, 'fundus', 'fundus.jpg'));
  put('fundus/labels.csv', 'id,label\nfundus.jpg,disc\n');

  put('jpeg/synthetic.jpg', jpeg(48, 40, picture(48, 40, 3, 255, 12), 80));
  put('jpeg/grey.jpg', greyJpeg(90));
  copyFileSync(join(samples, 'fundus-retina-512.jpg'), join(dir, 'jpeg', 'fundus.jpg'));
  put('jpeg/labels.csv', 'id,label\nsynthetic,disc\ngrey,ring\nfundus,disc\n');
}

interface Read {
  x: Float32Array;
  y: Float32Array;
  meta: { shape: number[]; label: number[]; ids: string[]; groups: string[]; names: string[]; task: string };
}

let serial = 0;
/** jimu_torch's Image Folder over `dir` with the block's parameters. */
function torchRead(params: Record<string, unknown>): Read {
  const out = join(dir, `read-${serial++}`);
  python(['-c', `import sys, json, numpy as np
sys.path.insert(0, ${JSON.stringify(PYTHON_SRC)})
from jimu_torch.images import read_image_folder
x, y, ids, groups, names, task = read_image_folder(${JSON.stringify(dir)}, json.loads(${JSON.stringify(JSON.stringify(params))}))
x.astype(np.float32).tofile(${JSON.stringify(`${out}.x.bin`)})
y.astype(np.float32).tofile(${JSON.stringify(`${out}.y.bin`)})
json.dump({"shape": list(x.shape), "label": list(y.shape), "ids": ids, "groups": groups, "names": names, "task": task}, open(${JSON.stringify(`${out}.json`)}, "w"))`]);
  const floats = (path: string) => {
    const b = readFileSync(path);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  return { x: floats(`${out}.x.bin`), y: floats(`${out}.y.bin`), meta: JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Read['meta'] };
}

async function jimuRead(params: Record<string, unknown>): Promise<ExampleSet> {
  const run = ImageFolder.run!;
  if (!('source' in run)) throw new Error('Image Folder is a source');
  return run.source(ImageFolder.params.parse(params) as never, diskIO(dir), { seed: 1 });
}

/** Reads with both, checks everything but the pixels is identical, and returns the largest and mean pixel difference. */
async function compare(params: Record<string, unknown>): Promise<{ max: number; mean: number; p99: number; a: ExampleSet }> {
  const a = await jimuRead(params);
  const b = torchRead(params);
  expect(b.meta).toEqual({ shape: [a.n, ...a.imageShape], label: [a.n, ...a.labelShape], ids: a.ids, groups: a.groups, names: a.labelNames, task: a.task });
  expect(Array.from(b.y)).toEqual(Array.from(a.y));
  expect(b.x.length).toBe(a.x.length);
  const diff = a.x.map((v, i) => Math.abs(v - b.x[i]!)).sort();
  const sum = diff.reduce((s, d) => s + d, 0);
  return { max: diff.at(-1) ?? 0, mean: sum / diff.length, p99: diff[Math.floor(0.99 * (diff.length - 1))] ?? 0, a };
}

const measured: Record<string, { max: number; mean: number; p99: number }> = {};

describe.skipIf(torchMissing())('Image Folder: Jimu and jimu_torch read the same images and labels', () => {
  beforeAll(writeFixtures);

  it.each([
    ['every PNG kind, as stored (colour)', { folder: 'png', labels: 'png/labels.csv', idColumn: 'file', patientColumn: 'patient', labelColumns: ['finding'], classes: ['disc', 'ring'], height: H, width: W, channels: 3 }],
    ['every PNG kind, grey, shrunk by area while reading', { folder: 'png', labels: 'png/labels.csv', idColumn: 'file', labelColumns: ['finding'], classes: ['disc', 'ring'], height: 9, width: 7, channels: 1, resize: true }],
    ['every PNG kind, colour, resized linearly, ages', { folder: 'png', labels: 'png/ages.csv', labelColumns: ['age'], height: 13, width: 31, channels: 3, resize: true }],
    ['every PNG kind, several 0/1 columns', { folder: 'png', labels: 'png/findings.csv', labelColumns: ['N', 'D', 'G'], height: H, width: W, channels: 1 }],
  ])('%s', async (name, params) => {
    const r = await compare(params);
    measured[name] = { max: r.max, mean: r.mean, p99: r.p99 };
    expect(r.max, `largest pixel difference ${r.max}`).toBeLessThanOrEqual(IMAGE_FOLDER_TOLERANCE.png);
    expect(new Set(r.a.x).size).toBeGreaterThan(10);
  });

  it('16-bit colour PNGs: within 1/255 (Pillow keeps the high byte)', async () => {
    const r = await compare({ folder: 'deep', labels: 'deep/labels.csv', classes: ['disc', 'ring'], height: H, width: W, channels: 3 });
    measured['16-bit colour PNG'] = { max: r.max, mean: r.mean, p99: r.p99 };
    expect(r.max).toBeLessThanOrEqual(IMAGE_FOLDER_TOLERANCE.png16Colour);
    expect(r.max).toBeGreaterThan(0);
  });

  it.each([
    ['the fundus photo (4:2:0 JPEG), at its own 512 × 512', { folder: 'fundus', labels: 'fundus/labels.csv', classes: ['disc', 'ring'], height: 512, width: 512, channels: 3 }],
    ['three JPEGs (fundus 4:2:0, jpeg-js 4:4:4, a grey one) resized to 64 × 64', { folder: 'jpeg', labels: 'jpeg/labels.csv', classes: ['disc', 'ring'], height: 64, width: 64, channels: 3, resize: true }],
    ['three JPEGs, grey, 96 × 80', { folder: 'jpeg', labels: 'jpeg/labels.csv', classes: ['disc', 'ring'], height: 96, width: 80, channels: 1, resize: true }],
  ])('JPEG: %s', async (name, params) => {
    const r = await compare(params);
    measured[name] = { max: r.max, mean: r.mean, p99: r.p99 };
    expect(r.max, `largest pixel difference ${r.max}`).toBeLessThanOrEqual(IMAGE_FOLDER_TOLERANCE.jpeg.max);
    expect(r.mean, `mean pixel difference ${r.mean}`).toBeLessThanOrEqual(IMAGE_FOLDER_TOLERANCE.jpeg.mean);
    expect(r.p99, `99th percentile of the pixel differences ${r.p99}`).toBeLessThanOrEqual(IMAGE_FOLDER_TOLERANCE.jpeg.p99);
    if (process.env.JIMU_IMAGE_RESIDUALS) writeFileSync(process.env.JIMU_IMAGE_RESIDUALS, JSON.stringify(measured, null, 1));
  });

  it('says which file and which row are wrong, as Jimu does', () => {
    writeFileSync(join(dir, 'png', 'missing.csv'), 'id,label\nrgb8,disc\nnot-there,ring\n');
    expect(() => torchRead({ folder: 'png', labels: 'png/missing.csv', classes: ['disc', 'ring'], height: H, width: W, channels: 3 })).toThrow(/png\/missing\.csv, row 3: there is no image "not-there" in the folder "png"/);
    expect(() => torchRead({ folder: 'png', labels: 'png/labels.csv', idColumn: 'file', labelColumns: ['finding'], classes: ['disc'], height: H, width: W, channels: 3 })).toThrow(/"ring" is not one of the classes/);
    expect(() => torchRead({ folder: 'deep', labels: 'deep/labels.csv', classes: ['disc', 'ring'], height: 10, width: 10, channels: 3 })).toThrow(/not all 10x10 .*Resize while reading/);
  });

  it('an exported pipeline reading photos trains with train.py --data', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8')) as { blocks: { id: string; type: string; params: Record<string, unknown> }[] };
    const source = doc.blocks.find((b) => b.id === 'data')!;
    source.type = 'ImageFolder';
    source.params = { folder: 'png', labels: 'png/labels.csv', idColumn: 'file', patientColumn: 'patient', labelColumns: ['finding'], classes: ['disc', 'ring'], height: 32, width: 32, channels: 1, resize: true };
    const file = join(dir, 'photos.pipeline.json');
    writeFileSync(file, JSON.stringify(doc));
    const said: string[] = [];
    const project = join(dir, 'photos-export');
    expect(await main(['export', file, '--target', 'pytorch', '--out', project], { out: (s) => said.push(s), err: (s) => said.push(s) }), said.join('\n')).toBe(0);
    expect(said.join('\n')).not.toContain('J501');
    python([join(project, 'train.py'), '--data', dir, '--out', join(project, 'run'), '--epochs', '1', '--quiet']);
    const metrics = JSON.parse(readFileSync(join(project, 'run', 'metrics.json'), 'utf8')) as { evaluations: Record<string, { n: number }> };
    const counted = JSON.parse(readFileSync(join(project, 'run', 'manifest.json'), 'utf8')) as { stoppedBecause: string };
    expect(counted.stoppedBecause).toBe('completed');
    expect(Object.keys(metrics.evaluations)).toEqual(['evaluate']);
  });
});
