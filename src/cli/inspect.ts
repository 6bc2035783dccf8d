import { basename, join } from 'node:path';
import { readFolder, readVolume, volumeStats, type Volume } from '../data/medical';
import { UserError } from './errors';
import { asUserError, kindOf, readBytes, walk } from './medical-files';

/** What `jimu inspect --json` prints for one volume. */
export interface InspectSummary {
  source: string;
  format: string;
  /** Voxel index order i, j, k[, t] as nibabel reports it; for DICOM: columns, rows, slices. */
  shape: number[];
  /** Same order as shape, mm (seconds for a time axis). */
  spacing: number[];
  dtype: string;
  units: string;
  min: number;
  max: number;
  mean: number;
  affine: number[][];
  files?: number;
  /** Colour images: what the last axis holds (['R', 'G', 'B']). */
  channels?: string[];
  header: Record<string, string | number | number[]>;
}

export function summarise(source: string, v: Volume, files?: number): InspectSummary {
  const s = volumeStats(v.data);
  const round = (x: number) => Number(x.toPrecision(10));
  return {
    source, format: v.meta.format, shape: v.shape, spacing: v.spacing.map(round), dtype: v.dtype, units: v.meta.units,
    min: s.min, max: s.max, mean: round(s.mean), affine: v.affine.map((r) => r.map(round)),
    ...(files !== undefined ? { files } : {}),
    ...(v.meta.channels ? { channels: v.meta.channels } : {}),
    header: v.meta.header,
  };
}

function text(s: InspectSummary): string {
  const fmt = (a: number[]) => a.map((x) => Number(x.toPrecision(6))).join(' × ');
  return [
    `${s.source}  (${s.format}${s.files ? `, ${s.files} files` : ''})`,
    `  shape    ${s.shape.join(' × ')}${s.channels ? `   (last axis: ${s.channels.join(', ')}; stored as ${s.header.photometricInterpretation ?? 'colour'})` : ''}`,
    `  spacing  ${fmt(s.spacing)} mm`,
    `  dtype    ${s.dtype}${s.units ? `   units ${s.units}` : ''}`,
    `  values   min ${Number(s.min.toPrecision(6))}   max ${Number(s.max.toPrecision(6))}   mean ${Number(s.mean.toPrecision(6))}`,
    `  affine   ${s.affine.slice(0, 3).map((r) => `[${r.map((x) => Number(x.toFixed(3))).join(', ')}]`).join(' ')}`,
  ].join('\n');
}

/**
 * `jimu inspect FILE|FOLDER [--json]`: header summary and value statistics of a NIfTI file, a DICOM file, or
 * every volume in a folder (DICOM files grouped into series). With --json: one object for one volume, an
 * array for several.
 */
export async function inspect(path: string, opts: { json?: boolean }, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const kind = await kindOf(path, 'file or folder');
  let summaries: InspectSummary[] = [];
  let failures = 0;
  if (kind === 'file') {
    const bytes = await readBytes(path);
    try {
      const volume = await readVolume(bytes);
      for (const w of volume.meta.warnings ?? []) io.err(`jimu: warning: ${basename(path)}: ${w}`);
      summaries = [summarise(basename(path), volume)];
    } catch (e) {
      throw asUserError(e, path);
    }
  } else {
    const names = await walk(path);
    if (names.length === 0) throw new UserError(`The folder "${path}" has no files.`);
    const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readBytes(join(path, name)) })));
    for (const r of await readFolder(files)) {
      for (const w of r.volume?.meta.warnings ?? []) io.err(`jimu: warning: ${r.files.length === 1 ? `${r.source}: ` : ''}${w}`);
      if (r.volume) summaries.push(summarise(r.source, r.volume, r.files.length > 1 ? r.files.length : undefined));
      else if (r.error) {
        failures++;
        io.err(`jimu: skipped ${r.source}: ${r.error.message}`);
      }
    }
    if (summaries.length === 0) throw new UserError(`No image in "${path}" could be read (${failures} file${failures === 1 ? '' : 's'} skipped).`, 'Jimu reads NIfTI (.nii, .nii.gz) and DICOM image files.');
  }
  if (opts.json) io.out(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2));
  else io.out(summaries.map(text).join('\n\n'));
  return 0;
}
