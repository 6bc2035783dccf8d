import Papa from 'papaparse';
import type { CaseSource, DataIO, ExampleSet, TaskKind } from '../core';
import { DataError, listSome } from './errors';
import { joinPath } from './image-folder';
import { readFolder, readVolume } from './medical';
import { MedicalFileError } from './medical-error';
import type { Volume } from './volume';
import { cropOrPad, foregroundCentre, gridCentre, minimum, resampleGrid, type Grid } from './volume-ops';

/**
 * A volume dataset on disk: a folder with a manifest (docs/datasets.md). One item per row: a patient,
 * one image per modality (a NIfTI file or a folder holding one DICOM series), an optional label.
 */
export interface ManifestItem {
  id: string;
  patient: string;
  images: Record<string, string>;
  label?: string | number;
}

export interface Manifest {
  modalities: string[];
  items: ManifestItem[];
  /** Class names (class labels) or label names of a mask's values 0, 1, 2 … */
  classes?: string[];
}

export type LabelKind = 'auto' | 'class' | 'number' | 'mask' | 'none';

const MASK_FILE = /(\.nii(\.gz)?|\.dcm|\/)$/i;

/** Parses a manifest: JSON (`{ modalities, items, classes? }`) or CSV (patient, image columns `image:<modality>`, label). */
export function parseManifest(text: string, source: string): Manifest {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) return parseJsonManifest(trimmed, source);
  const parsed = Papa.parse<Record<string, string>>(trimmed, { header: true, skipEmptyLines: true });
  const columns = parsed.meta.fields ?? [];
  const imageColumns = columns.filter((c) => c.startsWith('image:'));
  if (!columns.includes('patient') || imageColumns.length === 0) {
    throw new DataError(`${source} needs a "patient" column and at least one "image:<modality>" column; it has ${listSome(columns)}.`, 'Write the first line as, for example: patient,image:t1,image:flair,label');
  }
  const modalities = imageColumns.map((c) => c.slice('image:'.length));
  const items = parsed.data.map((row, r): ManifestItem => {
    const patient = (row.patient ?? '').trim();
    if (!patient) throw new DataError(`${source}, row ${r + 2}: the patient is empty.`, 'Give every row a patient id (an anonymous code, never a name).');
    const images = Object.fromEntries(modalities.map((m) => [m, (row[`image:${m}`] ?? '').trim()]));
    const label = (row.label ?? '').trim();
    return { id: (row.id ?? '').trim() || `${patient}-${r + 1}`, patient, images, ...(label ? { label } : {}) };
  });
  return { modalities, items };
}

function parseJsonManifest(text: string, source: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${source} is not valid JSON: ${(e as Error).message}.`, 'Check the manifest with a JSON validator.');
  }
  const m = raw as { modalities?: unknown; items?: unknown; classes?: unknown };
  if (!Array.isArray(m.modalities) || !m.modalities.every((x) => typeof x === 'string') || m.modalities.length === 0 || !Array.isArray(m.items)) {
    throw new DataError(`${source} needs "modalities" (a list of names) and "items" (a list).`, 'The Datasets page writes a manifest from a table of labels; its guide “How to prepare a dataset” shows one.');
  }
  const modalities = m.modalities as string[];
  const items = m.items.map((it: unknown, r): ManifestItem => {
    const o = it as { id?: unknown; patient?: unknown; images?: unknown; label?: unknown };
    if (typeof o.patient !== 'string' || !o.patient) throw new DataError(`${source}, item ${r + 1}: "patient" is missing.`, 'Give every item a patient id (an anonymous code, never a name).');
    if (typeof o.images !== 'object' || o.images === null) throw new DataError(`${source}, item ${r + 1}: "images" is missing.`, 'Write "images": { "<modality>": "<file or folder>" }.');
    const label = typeof o.label === 'string' || typeof o.label === 'number' ? { label: o.label } : {};
    return { id: typeof o.id === 'string' && o.id ? o.id : `${o.patient}-${r + 1}`, patient: o.patient, images: o.images as Record<string, string>, ...label };
  });
  const classes = Array.isArray(m.classes) ? { classes: m.classes.map(String) } : {};
  return { modalities, items, ...classes };
}

/** What kind of label the manifest's rows carry, when the user leaves it to Jimu. */
export function detectLabelKind(items: readonly ManifestItem[]): Exclude<LabelKind, 'auto'> {
  const labels = items.map((i) => i.label).filter((l) => l !== undefined && l !== '');
  if (labels.length === 0) return 'none';
  if (labels.every((l) => typeof l === 'string' && MASK_FILE.test(l))) return 'mask';
  if (labels.every((l) => typeof l === 'number' || (l !== undefined && l.trim() !== '' && Number.isFinite(Number(l))))) return 'number';
  return 'class';
}

export interface VolumeFolderOptions {
  folder: string;
  manifest: string;
  labelKind: LabelKind;
  /** Target voxel spacing [x, y, z] in mm (i, j, k order); null keeps each file's spacing. */
  spacing: readonly [number, number, number] | null;
  /** Output size [x, y, z] in voxels; null: every volume must already have one size. */
  size: readonly [number, number, number] | null;
  /** Where the crop window sits: the volume's centre, or the centre of the label mask's foreground. */
  crop: 'centre' | 'foreground';
  /** Which manifest modalities become channels, in order; empty or absent: all of them, in the manifest's order. */
  modalities?: readonly string[];
  /** Class names (class labels) or names of mask values; empty or absent: the manifest's. */
  classes?: readonly string[];
}

/** Reads a volume from a file path or a folder of one DICOM series. */
async function loadVolume(io: DataIO, folder: string, path: string, where: string): Promise<Volume> {
  const full = joinPath(folder, path);
  try {
    // Channels are separate modalities here: a colour DICOM image becomes one grey (luminance) channel.
    if (/\.(nii(\.gz)?|dcm)$/i.test(path)) return await readVolume(await io.readFile(full), { colour: 'luminance' });
    const dir = full.replace(/\/+$/, '');
    const names = await io.listFiles(dir);
    const files = await Promise.all(names.map(async (name) => ({ name, bytes: await io.readFile(joinPath(dir, name)) })));
    const volumes = (await readFolder(files, { colour: 'luminance' })).filter((v) => v.volume);
    if (volumes.length !== 1) throw new DataError(`${where}: the folder ${full} holds ${volumes.length} readable volumes; a manifest entry must name one.`, 'Put each DICOM series in its own folder, or name a NIfTI file.');
    return volumes[0]!.volume!;
  } catch (e) {
    if (e instanceof MedicalFileError) throw new DataError(`${where}: ${full} could not be read (${e.message}).`, 'Check that the file is a NIfTI or DICOM image.');
    if (e instanceof DataError) throw e;
    throw new DataError(`${where}: ${full} could not be read (${(e as Error).message}).`, 'Check the path in the manifest; paths are relative to the dataset folder.');
  }
}

function gridOf(v: Volume): Grid {
  const [ni = 1, nj = 1, nk = 1] = v.shape;
  const [si = 1, sj = 1, sk = 1] = v.spacing;
  return { data: v.data.subarray(0, ni * nj * nk), shape: [ni, nj, nk], spacing: [si, sj, sk] };
}

/** A volume folder's manifest, read and checked, with the label kind and class names it resolves to. */
export interface OpenedVolumeFolder {
  manifestPath: string;
  manifest: Manifest;
  kind: Exclude<LabelKind, 'auto'>;
  classNames: string[];
}

/** Reads and checks a volume folder's manifest (no image is read). */
export async function openVolumeFolder(io: DataIO, o: VolumeFolderOptions): Promise<OpenedVolumeFolder> {
  const manifestPath = joinPath(o.folder, o.manifest);
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await io.readFile(manifestPath);
  } catch (e) {
    throw new DataError(`The manifest ${manifestPath} could not be read (${(e as Error).message}).`, 'Check the dataset folder and the manifest name; on the Datasets page, “Labels from a table” writes a manifest.csv for an imported folder.');
  }
  const manifest = parseManifest(new TextDecoder('utf-8').decode(manifestBytes), manifestPath);
  if (manifest.items.length === 0) throw new DataError(`${manifestPath} lists no items.`, 'Add one row per scan.');
  if (o.modalities?.length) {
    const missing = o.modalities.filter((m) => !manifest.modalities.includes(m));
    if (missing.length) throw new DataError(`${manifestPath} has no modality ${listSome(missing)}; it lists ${listSome(manifest.modalities)}.`, 'Spell the modalities as the manifest does.');
    manifest.modalities = [...o.modalities];
  }
  if (o.classes?.length) manifest.classes = [...o.classes];
  const kind = o.labelKind === 'auto' ? detectLabelKind(manifest.items) : o.labelKind;
  const classNames = kind === 'class' ? (manifest.classes ?? [...new Set(manifest.items.map((i) => String(i.label ?? '')))].filter((c) => c !== '').sort()) : [];
  return { manifestPath, manifest, kind, classNames };
}

/** The NIfTI or DICOM files item `r` is read from (null when one is a folder, whose files are known only by listing it). */
export function volumeItemFiles(o: Pick<VolumeFolderOptions, 'folder'>, opened: OpenedVolumeFolder, r: number): string[] | null {
  const item = opened.manifest.items[r]!;
  const paths = [...opened.manifest.modalities.map((m) => item.images[m] ?? ''), ...(opened.kind === 'mask' && typeof item.label === 'string' ? [item.label] : [])];
  if (paths.some((p) => !/\.(nii(\.gz)?|dcm)$/i.test(p))) return null;
  return paths.map((p) => joinPath(o.folder, p));
}

/**
 * Reads item `r` of an opened volume folder: its modalities as channels of one [z, y, x, channels]
 * example (x) and its label (y), each resampled, cropped and padded as `readVolumeFolder` does.
 */
export async function readVolumeItem(io: DataIO, o: VolumeFolderOptions, opened: OpenedVolumeFolder, r: number): Promise<{ x: Float32Array; y: Float32Array; shape: number[] }> {
  const { manifestPath, manifest, kind, classNames } = opened;
  const item = manifest.items[r]!;
  const where = `${manifestPath}, item ${r + 1} (${item.id})`;
  const prepare = (v: Volume, method: 'linear' | 'nearest'): Grid => (o.spacing ? resampleGrid(gridOf(v), o.spacing, method) : gridOf(v));
  let mask: Grid | null = null;
  if (kind === 'mask') {
    if (typeof item.label !== 'string' || !item.label) throw new DataError(`${where}: the label mask is missing.`, 'Every item of a segmentation dataset needs a mask file.');
    mask = prepare(await loadVolume(io, o.folder, item.label, where), 'nearest');
  }
  const channels: Grid[] = [];
  for (const m of manifest.modalities) {
    const path = item.images[m];
    if (!path) throw new DataError(`${where}: the ${m} image is missing.`, `Every item needs one file per modality (${manifest.modalities.join(', ')}).`);
    channels.push(prepare(await loadVolume(io, o.folder, path, where), 'linear'));
  }
  const base = channels[0]!.shape;
  for (const [c, g] of [...channels, ...(mask ? [mask] : [])].entries()) {
    if (g.shape.join() !== base.join()) throw new DataError(`${where}: ${c < channels.length ? `the ${manifest.modalities[c]} image` : 'the mask'} has the grid [${g.shape.join(', ')}], the ${manifest.modalities[0]} image [${base.join(', ')}].`, 'The images and mask of one item must be co-registered on one grid; set a voxel spacing so they are resampled alike.');
  }
  const centre = (o.crop === 'foreground' && mask && foregroundCentre(mask)) || gridCentre(base);
  const fit = (g: Grid, pad: number) => (o.size ? cropOrPad(g, o.size, centre, pad) : g);
  const fitted = channels.map((g) => fit(g, minimum(g.data)));
  const shape = fitted[0]!.shape;
  const voxels = shape[0] * shape[1] * shape[2];
  const x = new Float32Array(voxels * fitted.length);
  for (const [c, g] of fitted.entries()) for (let v = 0; v < voxels; v++) x[v * fitted.length + c] = g.data[v]!;
  let y: Float32Array;
  if (kind === 'mask') {
    y = fit(mask!, 0).data;
  } else if (kind === 'class') {
    y = new Float32Array(classNames.length);
    const at = classNames.indexOf(String(item.label ?? ''));
    if (at < 0) throw new DataError(`${where}: the label "${item.label ?? ''}" is not one of the classes ${listSome(classNames)}.`, 'Fix the label, or add the class to "classes".');
    y[at] = 1;
  } else if (kind === 'number') {
    const value = Number(item.label);
    if (item.label === undefined || item.label === '' || !Number.isFinite(value)) throw new DataError(`${where}: the label "${item.label ?? ''}" is not a number.`, 'Give every item a number, such as an age in years.');
    y = Float32Array.of(value);
  } else {
    y = new Float32Array(0);
  }
  return { x, y, shape: [shape[2], shape[1], shape[0]] };
}

/**
 * A volume folder as a list of cases read one at a time (the same examples `readVolumeFolder` makes),
 * for cohorts larger than memory. Label names of masks come from `classes` (the block always gives
 * them), since the largest mask value is not known before every mask is read.
 */
export async function volumeFolderCases(io: DataIO, o: VolumeFolderOptions): Promise<CaseSource> {
  const opened = await openVolumeFolder(io, o);
  const { manifest, kind, classNames } = opened;
  const task: TaskKind = kind === 'mask' ? 'segmentation' : kind === 'number' ? 'regression' : kind === 'class' ? 'multiclass' : 'regression';
  const labelNames = kind === 'mask' ? (manifest.classes ?? ['background', 'label 1']) : kind === 'class' ? classNames : [];
  const meta = { imageShape: [] as number[], labelShape: [] as number[], labelNames, task, ...(o.spacing ? { spacing: [...o.spacing] } : {}) };
  return {
    meta,
    cases: manifest.items.map((item, r) => ({ id: item.id, group: item.patient, files: volumeItemFiles(o, opened, r) })),
    async read(r, caseIO) {
      const e = await readVolumeItem(caseIO, o, opened, r);
      const ch = manifest.modalities.length;
      const labelShape = kind === 'mask' ? [...e.shape, 1] : kind === 'class' ? [classNames.length] : kind === 'number' ? [1] : [0];
      const item = manifest.items[r]!;
      return { ...meta, x: e.x, y: e.y, n: 1, imageShape: [...e.shape, ch], labelShape, ids: [item.id], groups: [item.patient] };
    },
  };
}

/**
 * Reads a volume folder into an ExampleSet of [z, y, x, channels] examples (modalities as channels in
 * the manifest's order): each image is resampled to the spacing (trilinear; masks nearest), then cropped
 * or padded to the size around the volume's or the mask's centre (images padded with their minimum,
 * masks with 0). Modalities of one item must share a grid once resampled (co-registered images).
 */
export async function readVolumeFolder(io: DataIO, o: VolumeFolderOptions): Promise<ExampleSet> {
  const opened = await openVolumeFolder(io, o);
  const { manifest } = opened;
  const examples: { x: Float32Array; y: Float32Array; shape: number[] }[] = [];
  let maxMaskValue = 0;
  for (const r of manifest.items.keys()) {
    const e = await readVolumeItem(io, o, opened, r);
    if (opened.kind === 'mask') for (const v of e.y) if (v > maxMaskValue) maxMaskValue = v;
    examples.push(e);
  }
  const { kind, classNames } = opened;
  const first = examples[0]!.shape;
  const odd = examples.findIndex((e) => e.shape.join() !== first.join());
  if (odd >= 0) throw new DataError(`Item ${odd + 1} (${manifest.items[odd]!.id}) has the size [${[...examples[odd]!.shape].reverse().join(', ')}] (x, y, z), item 1 [${[...first].reverse().join(', ')}].`, 'Set a size (and a voxel spacing) so every volume is brought to the same size.');
  const ch = manifest.modalities.length;
  const imageShape = [...first, ch];
  const task: TaskKind = kind === 'mask' ? 'segmentation' : kind === 'number' ? 'regression' : kind === 'class' ? 'multiclass' : 'regression';
  const labelShape = kind === 'mask' ? [...first, 1] : kind === 'class' ? [classNames.length] : kind === 'number' ? [1] : [0];
  const labelNames = kind === 'mask' ? (manifest.classes ?? ['background', ...Array.from({ length: Math.max(1, Math.round(maxMaskValue)) }, (_, i) => `label ${i + 1}`)]) : kind === 'class' ? classNames : [];
  const xs = new Float32Array(examples.length * examples[0]!.x.length);
  const ysize = examples[0]!.y.length;
  const ys = new Float32Array(examples.length * ysize);
  for (const [n, e] of examples.entries()) {
    xs.set(e.x, n * e.x.length);
    ys.set(e.y, n * ysize);
  }
  // Resampled volumes have the target spacing (up to rounding each field of view to whole voxels);
  // volumes kept at their files' own spacings may differ from each other, so none is recorded.
  const spacing = o.spacing ? { spacing: [...o.spacing] } : {};
  return { x: xs, y: ys, n: examples.length, imageShape, labelShape, ids: manifest.items.map((i) => i.id), groups: manifest.items.map((i) => i.patient), labelNames, task, ...spacing };
}
