import { zipSync, type Zippable } from 'fflate';
import type { ExportFile } from './dataset-files';

/**
 * An export as one zip holding its folder (`<folder>/plan.json`, `<folder>/train.py`, …), so unzipping it
 * gives the folder `jimu export --out <folder>` writes. Files that are compressed already (`.gz`) are stored
 * as they are; the rest are deflated.
 */
export function exportZip(files: readonly ExportFile[], folder: string): Uint8Array {
  const entries: Zippable = {};
  for (const f of files) entries[`${folder}/${f.path}`] = [f.bytes, { level: f.path.endsWith('.gz') ? 0 : 6 }];
  return zipSync(entries);
}
