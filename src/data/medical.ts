import { loadCodecs } from './dicom/codecs';
import { looksLikeDicom, parseDicom, type DicomFile } from './dicom/parse';
import { volumeFromFile, type ReadDicomOptions } from './dicom/read-dicom';
import { groupSeries, seriesFromFiles, type NamedBytes } from './dicom/series';
import { check, MedicalFileError } from './medical-error';
import { looksLikeNifti, readNifti } from './nifti/read-nifti';
import type { Volume } from './volume';

export * from './medical-error';
export * from './volume';
export { readNifti } from './nifti/read-nifti';
export { parseDicom } from './dicom/parse';
export { readDicom, type ReadDicomOptions } from './dicom/read-dicom';
export { DECODED_COMPRESSION } from './dicom/pixels';
export { readDicomSeries, type NamedBytes } from './dicom/series';
export { rasteriseStructures, type Grid, type RoiMask } from './dicom/rtstruct';
export { deidentify, headerRows, type AuditEntry, type DeidOptions, type DeidResult } from './deid/deidentify';

export interface ReadVolumeOptions extends ReadDicomOptions {
  /** NIfTI: which volume of a 4D file. */
  volume?: number;
}

/**
 * Reads one file as a volume, choosing the reader from its first bytes (not its name). Async because a
 * compressed DICOM file's decoder is loaded on first use.
 */
export async function readVolume(bytes: Uint8Array, options: ReadVolumeOptions = {}): Promise<Volume> {
  check(bytes.length > 0, 'empty-file');
  if (looksLikeDicom(bytes)) return dicomVolume(parseDicom(bytes), options);
  if (looksLikeNifti(bytes)) return readNifti(bytes, options);
  // A bare implicit-VR data set may start with any group: let the DICOM parser have a try.
  let file: DicomFile;
  try {
    file = parseDicom(bytes);
  } catch (e) {
    if (e instanceof MedicalFileError && e.code !== 'bad-dicom' && e.code !== 'truncated') throw e;
    throw new MedicalFileError('unknown-format');
  }
  try {
    return await dicomVolume(file, options);
  } catch (e) {
    if (e instanceof MedicalFileError && e.code !== 'bad-dicom' && e.code !== 'truncated') throw e;
    throw new MedicalFileError('unknown-format');
  }
}

async function dicomVolume(file: DicomFile, options: ReadDicomOptions): Promise<Volume> {
  await loadCodecs([file.transferSyntax]);
  return volumeFromFile(file, options);
}

export interface FolderVolume {
  /** The file name, or the series' first file and count. */
  source: string;
  files: string[];
  volume?: Volume;
  error?: MedicalFileError;
}

/**
 * Reads a folder's files: each NIfTI file is one volume; DICOM image files are grouped by series and each
 * series becomes one volume (multi-frame files stand alone). Files that fail are reported, not thrown.
 */
export async function readFolder(files: NamedBytes[], options: ReadDicomOptions = {}): Promise<FolderVolume[]> {
  const out: FolderVolume[] = [];
  const dicom: { name: string; file: DicomFile }[] = [];
  for (const f of files) {
    try {
      if (looksLikeNifti(f.bytes) && !looksLikeDicom(f.bytes)) {
        out.push({ source: f.name, files: [f.name], volume: readNifti(f.bytes) });
      } else {
        dicom.push({ name: f.name, file: parseDicom(f.bytes) });
      }
    } catch (e) {
      out.push({ source: f.name, files: [f.name], error: asMedical(e) });
    }
  }
  await loadCodecs(dicom.map((d) => d.file.transferSyntax));
  for (const group of groupSeries(dicom).values()) {
    const names = group.map((g) => g.name);
    try {
      const single = group.length === 1;
      const volume = single ? volumeFromFile(group[0]!.file, options) : seriesFromFiles(group, options);
      out.push({ source: single ? names[0]! : `${names[0]} (+${names.length - 1} ${names.length === 2 ? 'file' : 'files'})`, files: names, volume });
    } catch (e) {
      out.push({ source: names[0]!, files: names, error: asMedical(e) });
    }
  }
  return out;
}

function asMedical(e: unknown): MedicalFileError {
  if (e instanceof MedicalFileError) return e;
  throw e;
}
