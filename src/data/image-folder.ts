import type { DataIO, ExampleSet } from '../core';
import { decodeImage, type DecodedImage } from './decode-image';
import { DataError, listSome } from './errors';
import { parseLabelTable } from './label-table';
import { resizeImage } from './resize';

export interface ImageFolderOptions {
  /** The folder of PNG/JPEG images, as the DataIO names it ('' or '.' for its root). */
  folder: string;
  /** The CSV label table's path. */
  labels: string;
  idColumn: string;
  labelColumns: readonly string[];
  /** Class names for one column of names; empty for numbers or several 0/1 columns. */
  classes: readonly string[];
  /** The patient column; empty: each image is its own patient. */
  patientColumn: string;
  /** The size every image has (or is resized to). */
  height: number;
  width: number;
  /** 1: colour images become grey (ITU-R BT.601 luma); 3: grey images are repeated into three channels. */
  channels: 1 | 3;
  /** Resize every image to height × width while reading, instead of refusing other sizes. */
  resize: boolean;
}

const IMAGE_FILE = /\.(png|jpe?g)$/i;

export function joinPath(folder: string, name: string): string {
  const f = folder.replace(/\/+$/, '');
  return f === '' || f === '.' ? name : `${f}/${name}`;
}

/**
 * Reads a folder of PNG/JPEG images and a CSV label table into an ExampleSet, one example per table
 * row, in table order. An id names an image by its file name, with or without the extension
 * (`scan01.png` or `scan01`); it may also be a path below the folder (`left/scan01.png`). Images in
 * the folder that the table does not name are left out. Values are in [0, 1] (see `decodeImage`).
 */
export async function readImageFolder(io: DataIO, o: ImageFolderOptions): Promise<ExampleSet> {
  const tableBytes = await io.readFile(o.labels);
  const table = parseLabelTable(new TextDecoder('utf-8').decode(tableBytes), {
    idColumn: o.idColumn,
    labelColumns: o.labelColumns,
    classes: o.classes,
    groupColumn: o.patientColumn,
    source: o.labels,
  });
  const files = (await io.listFiles(o.folder)).filter((f) => IMAGE_FILE.test(f));
  const byName = new Map(files.map((f) => [f, f]));
  const byStem = new Map<string, string[]>();
  for (const f of files) {
    const stem = f.replace(IMAGE_FILE, '');
    byStem.set(stem, [...(byStem.get(stem) ?? []), f]);
  }
  const fileOf = (id: string, row: number): string => {
    if (byName.has(id)) return id;
    if (id.includes('/') && IMAGE_FILE.test(id)) return id;
    const stem = byStem.get(id.replace(IMAGE_FILE, ''));
    if (stem && stem.length === 1) return stem[0]!;
    if (stem && stem.length > 1) throw new DataError(`${o.labels}, row ${row}: "${id}" could be ${stem.join(' or ')}.`, 'Write the id with its extension, or keep one of the files.');
    const missing = table.ids.filter((other) => !byName.has(other) && !byStem.has(other.replace(IMAGE_FILE, '')) && !other.includes('/'));
    throw new DataError(
      `${o.labels}, row ${row}: there is no image "${id}" in the folder "${o.folder}"${missing.length > 1 ? ` (${missing.length} rows name missing images: ${listSome(missing)})` : ''}.`,
      files.length === 0 ? `The folder has no PNG or JPEG files; check the folder path.` : `Check the id column "${o.idColumn}" and the folder; it has ${listSome(files)}.`,
    );
  };

  const perImage = o.height * o.width * o.channels;
  const x = new Float32Array(table.ids.length * perImage);
  const sizes = new Map<string, string[]>();
  for (let i = 0; i < table.ids.length; i++) {
    const file = fileOf(table.ids[i]!, table.rows[i]!);
    const path = joinPath(o.folder, file);
    const image = decodeImage(await io.readFile(path), path);
    const size = `${image.height}×${image.width}`;
    const same = sizes.get(size);
    if (same) same.push(file);
    else sizes.set(size, [file]);
    // Keep reading after a wrong size, so the message can list every size in the folder.
    if (!o.resize && (image.height !== o.height || image.width !== o.width)) continue;
    x.set(toShape(image, o), i * perImage);
  }
  const wanted = `${o.height}×${o.width}`;
  const others = [...sizes.entries()].filter(([s]) => s !== wanted);
  if (!o.resize && others.length > 0) throw sizeError(o, sizes, others, wanted);

  return {
    x,
    y: table.labels,
    n: table.ids.length,
    imageShape: [o.height, o.width, o.channels],
    labelShape: table.labelShape,
    ids: table.ids,
    groups: table.groups,
    labelNames: table.labelNames,
    task: table.task,
  };
}

function sizeError(o: ImageFolderOptions, sizes: Map<string, string[]>, others: [string, string[]][], wanted: string): DataError {
  if (sizes.size === 1) {
    const [only] = others[0]!;
    const count = others[0]![1].length;
    return new DataError(
      `${count === 1 ? `The image in "${o.folder}" is` : `All ${count} images in "${o.folder}" are`} ${only} (height × width), but this block says ${wanted}.`,
      `Set Height × Width to ${only} here, then add a Resize block after it to bring the images to the size the model expects; or turn on "Resize while reading".`,
    );
  }
  const counts = [...sizes.entries()].sort((a, b) => b[1].length - a[1].length);
  const described = counts.map(([s, f]) => `${f.length} ${f.length === 1 ? 'is' : 'are'} ${s}${s === counts[0]![0] ? '' : ` (${listSome(f, 3)})`}`);
  return new DataError(
    `The images in "${o.folder}" differ in size: ${described.join('; ')}; this block says ${wanted}.`,
    `Turn on "Resize while reading" to bring every image to ${wanted} (then a Resize block can change it further), or resize the files to one size first.`,
  );
}

/** The image at height × width × channels: resized if needed, colour to grey or grey to colour. */
function toShape(image: DecodedImage, o: ImageFolderOptions): Float32Array {
  let data = image.data;
  if (image.height !== o.height || image.width !== o.width) {
    // Area averaging when shrinking a lot (large photos to model size), linear otherwise.
    const shrink = Math.max(image.height / o.height, image.width / o.width);
    data = resizeImage(data, [image.height, image.width, image.channels], o.height, o.width, shrink > 2 ? 'area' : 'linear');
  }
  if (image.channels === o.channels) return data;
  const pixels = o.height * o.width;
  const out = new Float32Array(pixels * o.channels);
  if (o.channels === 3) {
    for (let p = 0; p < pixels; p++) out[3 * p] = out[3 * p + 1] = out[3 * p + 2] = data[p]!;
  } else {
    for (let p = 0; p < pixels; p++) out[p] = 0.299 * data[3 * p]! + 0.587 * data[3 * p + 1]! + 0.114 * data[3 * p + 2]!;
  }
  return out;
}
