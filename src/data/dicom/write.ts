import { deflateSync } from 'fflate';
import { MedicalFileError } from '../medical-error';
import { tag } from './dictionary';
import { ITEM, ITEM_END, SEQUENCE_END, type DicomDataset, type DicomElement, type DicomFile } from './parse';

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

class Out {
  chunks: Uint8Array[] = [];
  length = 0;
  constructor(readonly le: boolean) {}
  bytes(b: Uint8Array) {
    this.chunks.push(b);
    this.length += b.length;
  }
  u16(v: number) {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, this.le);
    this.bytes(b);
  }
  u32(v: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, this.le);
    this.bytes(b);
  }
  tag(t: number) {
    this.u16(t >>> 16);
    this.u16(t & 0xffff);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** Values have even length: text is padded with a space (UI with a NUL), binary with a zero byte. */
function padded(el: DicomElement): Uint8Array {
  if (el.value.length % 2 === 0) return el.value;
  const b = new Uint8Array(el.value.length + 1);
  b.set(el.value);
  b[el.value.length] = ['UI', 'OB', 'UN', 'OW', 'OD', 'OF', 'OL', 'OV'].includes(el.vr) ? 0 : 0x20;
  return b;
}

function writeDataset(o: Out, ds: DicomDataset, explicit: boolean) {
  const sorted = [...ds.elements.values()].sort((a, b) => a.tag - b.tag);
  for (const el of sorted) writeElement(o, el, explicit);
}

function writeElement(o: Out, el: DicomElement, explicit: boolean) {
  o.tag(el.tag);
  const header = (length: number) => {
    if (explicit) {
      o.bytes(new Uint8Array([el.vr.charCodeAt(0), el.vr.charCodeAt(1)]));
      if (LONG_VRS.has(el.vr)) {
        o.u16(0);
        o.u32(length);
      } else {
        if (length > 0xffff) throw new MedicalFileError('bad-dicom', `A ${el.vr} value is longer than 65535 bytes.`);
        o.u16(length);
      }
    } else {
      o.u32(length);
    }
  };
  if (el.items) {
    // Sequences and items are written with undefined length: no lengths to recompute after edits.
    header(0xffffffff);
    for (const item of el.items) {
      o.tag(ITEM);
      o.u32(0xffffffff);
      writeDataset(o, item, explicit);
      o.tag(ITEM_END);
      o.u32(0);
    }
    o.tag(SEQUENCE_END);
    o.u32(0);
  } else if (el.fragments) {
    header(0xffffffff);
    for (const f of el.fragments) {
      o.tag(ITEM);
      o.u32(f.length + (f.length % 2));
      o.bytes(f);
      if (f.length % 2) o.bytes(new Uint8Array(1));
    }
    o.tag(SEQUENCE_END);
    o.u32(0);
  } else {
    const v = padded(el);
    header(v.length);
    o.bytes(v);
  }
}

/**
 * Writes a DICOM Part 10 file: a zeroed 128-byte preamble, "DICM", the meta group (explicit VR little
 * endian, its group length recomputed), then the data set in the file's own transfer syntax (deflated
 * again when it was deflated). Group length elements in the data set are dropped (they are retired and
 * would be wrong after edits).
 */
export function writeDicom(file: DicomFile): Uint8Array {
  const metaBody = new Out(true);
  const metaElements = new Map([...file.meta.elements].filter(([t]) => t !== tag(0x0002, 0x0000)));
  writeDataset(metaBody, { elements: metaElements, littleEndian: true }, true);
  const meta = metaBody.concat();
  const body = new Out(file.littleEndian);
  const withoutGroupLengths = new Map([...file.dataset.elements].filter(([t]) => (t & 0xffff) !== 0));
  writeDataset(body, { elements: withoutGroupLengths, littleEndian: file.littleEndian }, file.explicitVR);
  let data = body.concat();
  if (file.deflated) data = deflateSync(data);
  const head = new Out(true);
  head.bytes(new Uint8Array(128));
  head.bytes(new TextEncoder().encode('DICM'));
  head.tag(tag(0x0002, 0x0000));
  head.bytes(new TextEncoder().encode('UL'));
  head.u16(4);
  head.u32(meta.length);
  head.bytes(meta);
  head.bytes(data);
  return head.concat();
}
