import { inflateCapped } from '../inflate';
import { check, MAX_INFLATED, MedicalFileError } from '../medical-error';
import { dictionaryVR, groupOf, isVR, tag } from './dictionary';

/** One data element. Values stay as the raw bytes of the file, so a writer can emit them unchanged. */
export interface DicomElement {
  tag: number;
  vr: string;
  /** The value bytes (in the data set's byte order); empty for sequences and encapsulated pixel data. */
  value: Uint8Array;
  /** Items of a sequence (VR SQ). */
  items?: DicomDataset[];
  /** Encapsulated pixel data: the basic offset table first, then the fragments. */
  fragments?: Uint8Array[];
}

/** Elements in file order, by tag. */
export interface DicomDataset {
  elements: Map<number, DicomElement>;
  littleEndian: boolean;
}

export interface DicomFile {
  /** The file had the 128-byte preamble and "DICM". */
  preamble: boolean;
  meta: DicomDataset;
  dataset: DicomDataset;
  transferSyntax: string;
  littleEndian: boolean;
  explicitVR: boolean;
  deflated: boolean;
  /** What the reader noticed and worked around (trailing padding), for the user to read. */
  warnings?: string[];
}

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflatedLE: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
  rle: '1.2.840.10008.1.2.5',
} as const;

export const ITEM = tag(0xfffe, 0xe000);
export const ITEM_END = tag(0xfffe, 0xe00d);
export const SEQUENCE_END = tag(0xfffe, 0xe0dd);
export const PIXEL_DATA = tag(0x7fe0, 0x0010);
const UNDEFINED = 0xffffffff;
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const MAX_DEPTH = 24;

/** True when the bytes start like a DICOM file (with or without the preamble). */
export function looksLikeDicom(b: Uint8Array): boolean {
  if (b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d) return true;
  if (b.length < 8) return false;
  const g = b[0]! | (b[1]! << 8);
  const gBE = (b[0]! << 8) | b[1]!;
  return [0x0002, 0x0008].includes(g) || [0x0002, 0x0008].includes(gBE);
}

class Reader {
  pos: number;
  readonly warnings: string[] = [];
  readonly view: DataView;
  constructor(
    readonly b: Uint8Array,
    start: number,
    readonly le: boolean,
    readonly explicit: boolean,
  ) {
    this.pos = start;
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  need(n: number, end: number) {
    if (this.pos + n > end) throw new MedicalFileError('truncated', `An element at byte ${this.pos} runs past the end of its data.`);
  }
  u16() {
    const v = this.view.getUint16(this.pos, this.le);
    this.pos += 2;
    return v;
  }
  u32() {
    const v = this.view.getUint32(this.pos, this.le);
    this.pos += 4;
    return v;
  }
  peekTag(): number {
    return tag(this.view.getUint16(this.pos, this.le), this.view.getUint16(this.pos + 2, this.le));
  }

  /** Elements until `end`, or until an item delimiter when `untilDelimiter`. */
  dataset(end: number, depth: number, untilDelimiter: boolean, stopAfterGroup2 = false): DicomDataset {
    check(depth <= MAX_DEPTH, 'bad-dicom', 'Sequences are nested too deeply.');
    const elements = new Map<number, DicomElement>();
    while (this.pos < end) {
      // Trailing padding shorter than an element header is ignored, as pydicom does.
      if (end - this.pos < 8) {
        this.pos = end;
        break;
      }
      const t = this.peekTag();
      if (stopAfterGroup2 && groupOf(t) !== 0x0002) break;
      if (t === 0 && depth === 0 && !untilDelimiter && !stopAfterGroup2 && allZero(this.b, this.pos, end)) {
        // Zero padding after the data set (some GE scanners write megabytes of it after Pixel Data): pydicom
        // stops there and so does Jimu, saying so.
        this.warnings.push(`The file ends with ${end - this.pos} bytes of zero padding after its data; they were ignored.`);
        this.pos = end;
        break;
      }
      if (t === ITEM_END) {
        this.pos += 8;
        if (untilDelimiter) return { elements, littleEndian: this.le };
        continue;
      }
      if (t === SEQUENCE_END) {
        // Stray delimiter: skip, as DCMTK does.
        this.pos += 8;
        continue;
      }
      const el = this.element(end, depth);
      elements.set(el.tag, el);
    }
    if (untilDelimiter) throw new MedicalFileError('truncated', 'A sequence item has no end.');
    return { elements, littleEndian: this.le };
  }

  element(end: number, depth: number): DicomElement {
    this.need(8, end);
    const group = this.u16();
    const t = tag(group, this.u16());
    let vr: string;
    let length: number;
    // The file meta group is always explicit VR little endian; the caller reads it with such a reader.
    if (this.explicit) {
      vr = String.fromCharCode(this.b[this.pos]!, this.b[this.pos + 1]!);
      this.pos += 2;
      if (!isVR(vr)) throw new MedicalFileError('bad-dicom', `Element ${hex(t)} has the unknown value representation "${printable(vr)}".`);
      if (LONG_VRS.has(vr)) {
        this.need(6, end);
        this.pos += 2;
        length = this.u32();
      } else {
        length = this.u16();
      }
    } else {
      vr = dictionaryVR(t);
      length = this.u32();
    }
    if (length === UNDEFINED) {
      if (t === PIXEL_DATA) return { tag: t, vr: vr === 'OW' ? 'OB' : vr, value: new Uint8Array(0), fragments: this.fragments(end) };
      // Undefined length means a sequence (UN with undefined length is an implicit-VR sequence, PS3.5 6.2.2).
      return { tag: t, vr: 'SQ', value: new Uint8Array(0), items: this.items(end, end, depth, true) };
    }
    this.need(length, end);
    const valueEnd = this.pos + length;
    if (vr === 'SQ') {
      const items = this.items(valueEnd, end, depth, false);
      this.pos = valueEnd;
      return { tag: t, vr, value: new Uint8Array(0), items };
    }
    const value = this.b.subarray(this.pos, valueEnd);
    this.pos = valueEnd;
    return { tag: t, vr, value };
  }

  items(seqEnd: number, end: number, depth: number, undefinedLength: boolean): DicomDataset[] {
    const items: DicomDataset[] = [];
    while (this.pos < seqEnd) {
      this.need(8, end);
      const t = this.peekTag();
      this.pos += 4;
      const length = this.u32();
      if (t === SEQUENCE_END) {
        if (undefinedLength) return items;
        continue;
      }
      if (t !== ITEM) throw new MedicalFileError('bad-dicom', `A sequence holds ${hex(t)} where an item should be.`);
      if (length === UNDEFINED) {
        items.push(this.dataset(end, depth + 1, true));
      } else {
        this.need(length, end);
        const itemEnd = this.pos + length;
        items.push(this.dataset(itemEnd, depth + 1, false));
        this.pos = itemEnd;
      }
    }
    if (undefinedLength) throw new MedicalFileError('truncated', 'A sequence has no end.');
    return items;
  }

  fragments(end: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (;;) {
      this.need(8, end);
      const t = this.peekTag();
      this.pos += 4;
      const length = this.u32();
      if (t === SEQUENCE_END) return out;
      if (t !== ITEM || length === UNDEFINED) throw new MedicalFileError('bad-dicom', 'The compressed pixel data is not a list of fragments.');
      this.need(length, end);
      out.push(this.b.subarray(this.pos, this.pos + length));
      this.pos += length;
    }
  }
}

function allZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

const hex = (t: number) => `(${(t >>> 16).toString(16).padStart(4, '0')},${(t & 0xffff).toString(16).padStart(4, '0')})`;
const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

/**
 * Parses a DICOM Part 10 file, or a bare data set without preamble or meta group. Explicit and implicit
 * VR, little and big endian, deflated data sets. Every length is checked against the bytes present before
 * anything is read or allocated; nesting is bounded; each loop step consumes bytes, so it cannot hang.
 */
export function parseDicom(bytes: Uint8Array): DicomFile {
  check(bytes.length > 0, 'empty-file');
  const preamble = bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  let pos = preamble ? 132 : 0;
  check(bytes.length - pos >= 8, 'unknown-format', 'The file is too short to be DICOM.');
  let meta: DicomDataset = { elements: new Map(), littleEndian: true };
  const metaReader = new Reader(bytes, pos, true, true);
  if (metaReader.peekTag() >>> 16 === 0x0002) {
    meta = metaReader.dataset(bytes.length, 0, false, true);
    pos = metaReader.pos;
  } else if (!preamble && !looksLikeDicom(bytes)) {
    throw new MedicalFileError('unknown-format');
  }
  const tsEl = meta.elements.get(tag(0x0002, 0x0010));
  let transferSyntax = tsEl ? new TextDecoder('latin1').decode(tsEl.value).replace(/[\0 ]+$/, '') : '';
  if (!transferSyntax) transferSyntax = guessSyntax(bytes, pos);
  const littleEndian = transferSyntax !== TS.explicitBE;
  const explicitVR = transferSyntax !== TS.implicitLE;
  const deflated = transferSyntax === TS.deflatedLE;
  let body = bytes;
  if (deflated) {
    body = inflateCapped(bytes.subarray(pos), MAX_INFLATED, false);
    pos = 0;
  }
  const reader = new Reader(body, pos, littleEndian, explicitVR);
  const dataset = reader.dataset(body.length, 0, false);
  return { preamble, meta, dataset, transferSyntax, littleEndian, explicitVR, deflated, ...(reader.warnings.length ? { warnings: reader.warnings } : {}) };
}

/** Without a meta group, pydicom-style guessing: byte order from the first group number, VR from whether letters follow the tag. */
function guessSyntax(b: Uint8Array, pos: number): string {
  const le = b[pos]! | (b[pos + 1]! << 8);
  const be = (b[pos]! << 8) | b[pos + 1]!;
  const bigEndian = be < le;
  const vr = String.fromCharCode(b[pos + 4]!, b[pos + 5]!);
  if (isVR(vr)) return bigEndian ? TS.explicitBE : TS.explicitLE;
  return TS.implicitLE;
}
