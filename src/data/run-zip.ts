import { CodedError } from '../core/diagnostics/coded-error';
import { formatBytes, inflateCapped } from './inflate';
import { MedicalFileError } from './medical-error';

/**
 * Reads a zip's central directory and unpacks chosen entries with a cap on what comes out. Written out here
 * (about sixty lines over fflate's inflater) rather than with fflate's `unzipSync` because that one inflates
 * an entry to its very end even when the entry unpacks to far more than its header declares: a hostile zip
 * would cost minutes. Here every entry stops at its declared size, and the declared sizes are summed first.
 */

/** One file of a zip, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** The size the entry declares (nothing more is ever unpacked). */
  size: number;
  /** Offset of its local header. */
  offset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const bad = (detail: string) => new CodedError('J770', { detail });
const utf8 = new TextDecoder('utf-8');

/** The entries of a zip, from its central directory (folders left out). */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  let end = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(bytes, o) === 0x06054b50) {
      end = o;
      break;
    }
  }
  if (end < 0) throw bad(bytes.length < 22 ? 'the file is too short' : 'no zip directory at its end');
  const count = u16(bytes, end + 10);
  const start = u32(bytes, end + 16);
  if (count === 0xffff || start === 0xffffffff) throw bad('it is a ZIP64 archive (over 4 GiB or 65,535 files)');
  const entries: ZipEntry[] = [];
  let o = start;
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50) throw bad(`its directory is damaged at entry ${i + 1}`);
    const nameLength = u16(bytes, o + 28);
    const name = utf8.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    const entry: ZipEntry = {
      name,
      method: u16(bytes, o + 10),
      encrypted: (u16(bytes, o + 8) & 1) === 1,
      compressedSize: u32(bytes, o + 20),
      size: u32(bytes, o + 24),
      offset: u32(bytes, o + 42),
    };
    if (!name.endsWith('/')) entries.push(entry);
    o += 46 + nameLength + u16(bytes, o + 30) + u16(bytes, o + 32);
  }
  return entries;
}

/** Unpacks one entry: never more than it declares, and only if it unpacks to exactly that. */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const fail = (detail: string) => new CodedError('J772', { file: e.name, detail });
  if (e.encrypted) throw fail('it is encrypted');
  if (e.method !== 0 && e.method !== 8) throw fail(`it is compressed with method ${e.method}; Jimu reads stored and deflated entries`);
  if (e.offset + 30 > bytes.length || u32(bytes, e.offset) !== 0x04034b50) throw fail('its local header is missing');
  const from = e.offset + 30 + u16(bytes, e.offset + 26) + u16(bytes, e.offset + 28);
  if (from + e.compressedSize > bytes.length) throw fail('the zip ends before its data');
  const data = bytes.subarray(from, from + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) out = data.slice();
  else if (e.size === 0) out = new Uint8Array(0);
  else {
    try {
      out = inflateCapped(data, e.size, false);
    } catch (err) {
      if (err instanceof MedicalFileError && err.code === 'too-large') throw fail(`it unpacks to more than the ${formatBytes(e.size)} it declares`);
      throw fail(err instanceof Error ? err.message : String(err));
    }
  }
  if (out.length !== e.size) throw fail(`it unpacks to ${formatBytes(out.length)}, not the ${formatBytes(e.size)} it declares`);
  return out;
}
