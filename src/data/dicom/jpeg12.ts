import { MedicalFileError } from '../medical-error';

/**
 * A sequential DCT JPEG decoder (ITU-T T.81 processes 1, 2 and 4: SOF0 baseline and SOF1 extended,
 * Huffman coded) for 8- and 12-bit samples — DICOM's JPEG Extended (1.2.840.10008.1.2.4.51).
 *
 * Why hand-written: no maintained npm package decodes 12-bit DCT JPEG. jpeg-js clamps to 8 bits,
 * libjpeg-turbo's wasm builds are 8-bit only, and cornerstone's 12-bit decoder is internal to its image
 * loader (not exported). This file is small and self-contained (no DOM or Node imports).
 *
 * What it follows, for bit-exactness with DCMTK's dcmdjpeg (which uses IJG libjpeg 6b built for 12 bits):
 *  * the coefficients are kept as 16-bit integers (libjpeg's JCOEF), dequantized at the IDCT;
 *  * the IDCT is libjpeg's accurate integer "islow" (jidctint.c), in 32-bit integer arithmetic, with
 *    PASS1_BITS 2 for 8-bit and 1 for 12-bit samples, and libjpeg's range limiting (wrap, then clamp);
 *  * a stream that ends early or hits a marker inside entropy-coded data is padded with zero bits, as
 *    libjpeg does;
 *  * chroma is upsampled as libjpeg does (triangular "fancy" upsampling for 2:1 and 2:2, else replication),
 *    and YCbCr → RGB, when asked for, uses libjpeg's fixed-point tables (jdcolor.c).
 *
 * Every allocation is bounded by the frame header, and the header by the amount of entropy-coded data
 * (each 8×8 block costs at least two bits), so a damaged stream gives a typed MedicalFileError.
 * Not read: progressive, lossless, hierarchical and arithmetic-coded frames, DNL markers, 2 or 4 components
 * (typed errors). Verified sample for sample against DCMTK 3.6.7's dcmdjpeg (expected-codecs.json).
 */

export interface DctJpegImage {
  width: number;
  height: number;
  components: number;
  /** Sample precision: 8 or 12. */
  precision: number;
  /** Samples 0 … 2^precision − 1, pixel-interleaved when there are several components. */
  samples: Uint16Array;
  /** Component identifiers from the frame header (e.g. 1 2 3, or 'R' 'G' 'B'). */
  componentIds: number[];
  /** The Adobe APP14 transform flag, when there is one; whether a JFIF APP0 marker was seen. */
  adobeTransform: number | undefined;
  jfif: boolean;
}

export interface DctJpegOptions {
  /** Largest width × height × components accepted (default 2^28). */
  maxSamples?: number;
  /** Convert three components from YCbCr to RGB, as libjpeg does (default false: samples as coded). */
  colourTransform?: boolean;
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** Quantization table latched when the component's first scan starts (natural order). */
  quant: Uint16Array | undefined;
  /** Blocks covering the component (without MCU padding), and allocated (with). */
  blocksPerLine: number;
  blocksPerColumn: number;
  paddedPerLine: number;
  paddedPerColumn: number;
  coefficients: Int16Array;
  /** DC predictor. */
  pred: number;
}

interface Huffman {
  /** Canonical decoding: for code length l (1…16), the largest code (−1 if none), and the index of its first value. */
  maxcode: Int32Array;
  valptr: Int32Array;
  mincode: Int32Array;
  values: Uint8Array;
}

/** Zig-zag position → natural (row-major) position in an 8×8 block. */
const ZIGZAG = new Uint8Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63,
]);

const bad = (message: string) => new MedicalFileError('bad-dicom', `The JPEG frame cannot be decoded: ${message}`);

/** Decodes a baseline or extended sequential Huffman DCT JPEG stream (SOF0 / SOF1), 8- or 12-bit, 1 or 3 components. */
export function decodeDctJpeg(data: Uint8Array, options: DctJpegOptions = {}): DctJpegImage {
  const maxSamples = options.maxSamples ?? 2 ** 28;
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) throw bad('no start-of-image marker.');
  const quant: (Uint16Array | undefined)[] = [undefined, undefined, undefined, undefined];
  const dcTables: (Huffman | undefined)[] = [undefined, undefined, undefined, undefined];
  const acTables: (Huffman | undefined)[] = [undefined, undefined, undefined, undefined];
  let frame: { precision: number; width: number; height: number; hmax: number; vmax: number; mcusX: number; mcusY: number; components: Component[] } | undefined;
  let restartInterval = 0;
  let adobeTransform: number | undefined;
  let jfif = false;
  let scans = 0;
  let at = 2;

  for (;;) {
    // Next marker (fill bytes 0xFF allowed before it).
    if (at + 2 > data.length) break;
    if (data[at] !== 0xff) throw bad(`expected a marker at byte ${at}.`);
    let m = data[at + 1]!;
    while (m === 0xff && at + 2 < data.length) m = data[++at + 1]!;
    at += 2;
    if (m === 0xd9) break;
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) continue;
    if (at + 2 > data.length) throw bad('a marker segment is cut.');
    const len = (data[at]! << 8) | data[at + 1]!;
    if (len < 2 || at + len > data.length) throw bad(`marker 0xFF${m.toString(16).toUpperCase()} has length ${len}, beyond the ${data.length}-byte stream.`);
    const seg = data.subarray(at + 2, at + len);
    at += len;
    if (m === 0xdb) readDqt(seg, quant);
    else if (m === 0xc4) readDht(seg, dcTables, acTables);
    else if (m === 0xdd) {
      if (seg.length < 2) throw bad('a DRI segment is too short.');
      restartInterval = (seg[0]! << 8) | seg[1]!;
    } else if (m === 0xe0 && seg.length >= 5 && seg[0] === 0x4a && seg[1] === 0x46 && seg[2] === 0x49 && seg[3] === 0x46 && seg[4] === 0) jfif = true;
    else if (m === 0xee && seg.length >= 12 && seg[0] === 0x41 && seg[1] === 0x64 && seg[2] === 0x6f && seg[3] === 0x62 && seg[4] === 0x65) adobeTransform = seg[11]!;
    else if (m === 0xc0 || m === 0xc1) {
      if (frame) throw bad('more than one frame header.');
      frame = readSof(seg, m, data.length, maxSamples);
    } else if ((m >= 0xc2 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7) {
      const what = m === 0xc2 || m === 0xc6 || m === 0xca ? 'progressive' : m === 0xc3 || m === 0xc7 || m === 0xcb || m === 0xf7 ? 'lossless' : m >= 0xc9 ? 'arithmetic-coded' : 'hierarchical';
      throw new MedicalFileError('unsupported-datatype', `A ${what} JPEG frame (marker 0xFF${m.toString(16).toUpperCase()}); Jimu's DCT decoder reads sequential Huffman JPEG (SOF0, SOF1).`);
    } else if (m === 0xda) {
      if (!frame) throw bad('a scan before the frame header.');
      at = readScan(data, at, seg, frame, quant, dcTables, acTables, restartInterval);
      scans++;
    }
    // Other segments (APPn, COM, DNL …) are skipped.
  }
  if (!frame) throw bad('no frame header.');
  if (scans === 0) throw bad('no scan.');
  return {
    width: frame.width, height: frame.height, components: frame.components.length, precision: frame.precision,
    samples: output(frame, options.colourTransform ?? false), componentIds: frame.components.map((c) => c.id), adobeTransform, jfif,
  };
}

function readDqt(seg: Uint8Array, quant: (Uint16Array | undefined)[]): void {
  let i = 0;
  while (i < seg.length) {
    const pq = seg[i]! >> 4;
    const tq = seg[i]! & 15;
    i++;
    if (pq > 1 || tq > 3) throw bad(`a quantization table has precision ${pq} and id ${tq}.`);
    const size = pq ? 128 : 64;
    if (i + size > seg.length) throw bad('a DQT segment is cut.');
    const t = new Uint16Array(64);
    for (let k = 0; k < 64; k++) t[ZIGZAG[k]!] = pq ? (seg[i + 2 * k]! << 8) | seg[i + 2 * k + 1]! : seg[i + k]!;
    quant[tq] = t;
    i += size;
  }
}

function readDht(seg: Uint8Array, dc: (Huffman | undefined)[], ac: (Huffman | undefined)[]): void {
  let i = 0;
  while (i < seg.length) {
    if (i + 17 > seg.length) throw bad('a DHT segment is cut.');
    const tc = seg[i]! >> 4;
    const th = seg[i]! & 15;
    if (tc > 1 || th > 3) throw bad(`a Huffman table has class ${tc} and id ${th}.`);
    const counts = seg.subarray(i + 1, i + 17);
    let total = 0;
    for (let l = 0; l < 16; l++) total += counts[l]!;
    if (total > 256 || i + 17 + total > seg.length) throw bad('a DHT segment is cut or declares too many codes.');
    const values = seg.slice(i + 17, i + 17 + total);
    i += 17 + total;
    // Canonical codes (T.81 Annex C), checked so that no length overflows its code space.
    const maxcode = new Int32Array(18).fill(-1);
    const mincode = new Int32Array(17);
    const valptr = new Int32Array(17);
    let code = 0;
    let k = 0;
    for (let l = 1; l <= 16; l++) {
      const n = counts[l - 1]!;
      valptr[l] = k;
      mincode[l] = code;
      code += n;
      k += n;
      if (code > 2 ** l) throw bad('a Huffman table has more codes than its lengths allow.');
      if (n) maxcode[l] = code - 1;
      code <<= 1;
    }
    maxcode[17] = 0x7fffffff;
    (tc === 0 ? dc : ac)[th] = { maxcode, mincode, valptr, values };
  }
}

function readSof(seg: Uint8Array, marker: number, streamLength: number, maxSamples: number) {
  if (seg.length < 6) throw bad('the frame header is too short.');
  const precision = seg[0]!;
  const height = (seg[1]! << 8) | seg[2]!;
  const width = (seg[3]! << 8) | seg[4]!;
  const count = seg[5]!;
  if (precision !== 8 && !(precision === 12 && marker === 0xc1)) {
    throw new MedicalFileError('unsupported-datatype', `A ${marker === 0xc0 ? 'baseline' : 'extended'} JPEG frame with ${precision}-bit samples.`);
  }
  if (width === 0 || height === 0) throw bad(`the frame is ${width}×${height} (a DNL marker is not supported).`);
  if (count !== 1 && count !== 3) throw new MedicalFileError('unsupported-datatype', `A JPEG frame with ${count} components.`);
  if (seg.length < 6 + 3 * count) throw bad('the frame header is cut.');
  if (width * height * count > maxSamples) throw new MedicalFileError('too-large', `A JPEG frame declares ${width}×${height}×${count} samples.`);
  const raw = Array.from({ length: count }, (_, i) => ({ id: seg[6 + 3 * i]!, h: seg[7 + 3 * i]! >> 4, v: seg[7 + 3 * i]! & 15, tq: seg[8 + 3 * i]! }));
  for (const c of raw) if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3) throw bad(`component ${c.id} has sampling ${c.h}×${c.v} and table ${c.tq}.`);
  const hmax = Math.max(...raw.map((c) => c.h));
  const vmax = Math.max(...raw.map((c) => c.v));
  const mcusX = Math.ceil(width / (8 * hmax));
  const mcusY = Math.ceil(height / (8 * vmax));
  let blocks = 0;
  for (const c of raw) blocks += mcusX * c.h * mcusY * c.v;
  // Each block costs at least two bits (a DC code and an end-of-block code): a frame header that declares more
  // blocks than the stream could hold is damaged, and is refused before anything is allocated.
  if (blocks > 4 * streamLength + 64) throw new MedicalFileError('truncated', `The JPEG frame declares ${width}×${height} pixels; its ${streamLength} bytes cannot hold them.`);
  const components: Component[] = raw.map((c) => ({
    ...c, quant: undefined, pred: 0,
    blocksPerLine: Math.ceil(Math.ceil((width * c.h) / hmax) / 8),
    blocksPerColumn: Math.ceil(Math.ceil((height * c.v) / vmax) / 8),
    paddedPerLine: mcusX * c.h,
    paddedPerColumn: mcusY * c.v,
    coefficients: new Int16Array(mcusX * c.h * mcusY * c.v * 64),
  }));
  return { precision, width, height, hmax, vmax, mcusX, mcusY, components };
}

/** Reads one scan's entropy-coded data from `at`; returns the position of the marker after it. */
function readScan(
  data: Uint8Array, at: number, seg: Uint8Array, frame: NonNullable<ReturnType<typeof readSof>>,
  quant: (Uint16Array | undefined)[], dcTables: (Huffman | undefined)[], acTables: (Huffman | undefined)[], restartInterval: number,
): number {
  const ns = seg[0] ?? 0;
  if (ns < 1 || ns > 4 || seg.length < 4 + 2 * ns) throw bad('a scan header is cut or has no components.');
  const scan: { c: Component; dc: Huffman; ac: Huffman }[] = [];
  for (let i = 0; i < ns; i++) {
    const c = frame.components.find((x) => x.id === seg[1 + 2 * i]);
    if (!c) throw bad(`a scan names component ${seg[1 + 2 * i]}, which the frame does not have.`);
    const dc = dcTables[seg[2 + 2 * i]! >> 4];
    const ac = acTables[seg[2 + 2 * i]! & 15];
    if (!dc || !ac) throw bad(`a scan uses a Huffman table that is not defined.`);
    c.quant ??= quant[c.tq]?.slice();
    if (!c.quant) throw bad(`component ${c.id} uses quantization table ${c.tq}, which is not defined.`);
    scan.push({ c, dc, ac });
  }
  const ss = seg[1 + 2 * ns]!;
  const se = seg[2 + 2 * ns]!;
  const ahal = seg[3 + 2 * ns]!;
  if (ss !== 0 || se !== 63 || ahal !== 0) throw bad(`a sequential scan has spectral selection ${ss}–${se} and approximation ${ahal}.`);

  // Bit reader over the entropy-coded segment: 0xFF00 is a stuffed 0xFF; a marker ends the data (zeros follow).
  let pos = at;
  let buffer = 0;
  let bits = 0;
  let marker = false;
  const fill = () => {
    while (bits <= 24) {
      let byte = 0;
      if (!marker && pos < data.length) {
        byte = data[pos]!;
        if (byte === 0xff) {
          const next = data[pos + 1];
          if (next === 0) pos += 2;
          else {
            marker = true;
            byte = 0;
          }
        } else pos++;
      }
      buffer = ((buffer << 8) | byte) >>> 0;
      bits += 8;
      if (bits > 24) break;
    }
  };
  const bit = (): number => {
    if (bits === 0) fill();
    bits--;
    return (buffer >>> bits) & 1;
  };
  const receive = (n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | bit();
    return v;
  };
  /** Sign-extends an n-bit magnitude (T.81 F.2.2.1 EXTEND). */
  const extend = (v: number, n: number) => (n === 0 ? 0 : v < 1 << (n - 1) ? v - (1 << n) + 1 : v);
  const decode = (t: Huffman): number => {
    let code = 0;
    for (let l = 1; l <= 16; l++) {
      code = (code << 1) | bit();
      if (code <= t.maxcode[l]!) return t.values[t.valptr[l]! + code - t.mincode[l]!]!;
    }
    // An invalid code: libjpeg warns and gives 0; so does this.
    return 0;
  };
  const maxDcBits = frame.precision + 4;
  const block = (c: Component, dc: Huffman, ac: Huffman, offset: number) => {
    const z = c.coefficients;
    const s = decode(dc);
    if (s > maxDcBits) throw bad(`a DC difference of ${s} bits.`);
    c.pred += extend(receive(s), s);
    // libjpeg keeps the predictor in an int and stores the coefficient as a 16-bit JCOEF.
    c.pred |= 0;
    z[offset] = c.pred;
    for (let k = 1; k < 64; ) {
      const rs = decode(ac);
      const r = rs >> 4;
      const size = rs & 15;
      if (size === 0) {
        if (r !== 15) break;
        k += 16;
        continue;
      }
      k += r;
      const v = extend(receive(size), size);
      if (k > 63) break;
      z[offset + ZIGZAG[k]!] = v;
      k++;
    }
  };
  const restart = () => {
    // Drop the bits left over, find the RSTn marker and step over it; predictors start again.
    bits = 0;
    buffer = 0;
    marker = false;
    while (pos + 1 < data.length && !(data[pos] === 0xff && data[pos + 1]! >= 0xd0 && data[pos + 1]! <= 0xd7)) {
      if (data[pos] === 0xff && data[pos + 1] !== 0 && data[pos + 1] !== 0xff) break; // another marker: leave it
      pos++;
    }
    if (pos + 1 < data.length && data[pos] === 0xff && data[pos + 1]! >= 0xd0 && data[pos + 1]! <= 0xd7) pos += 2;
    for (const x of scan) x.c.pred = 0;
  };

  for (const x of scan) x.c.pred = 0;
  let unit = 0;
  if (ns === 1) {
    // Non-interleaved: one block per MCU, the component's own blocks only (no MCU padding).
    const { c, dc, ac } = scan[0]!;
    for (let by = 0; by < c.blocksPerColumn; by++) {
      for (let bx = 0; bx < c.blocksPerLine; bx++) {
        if (restartInterval && unit > 0 && unit % restartInterval === 0) restart();
        block(c, dc, ac, (by * c.paddedPerLine + bx) * 64);
        unit++;
      }
    }
  } else {
    for (let my = 0; my < frame.mcusY; my++) {
      for (let mx = 0; mx < frame.mcusX; mx++) {
        if (restartInterval && unit > 0 && unit % restartInterval === 0) restart();
        for (const { c, dc, ac } of scan) {
          for (let v = 0; v < c.v; v++) for (let h = 0; h < c.h; h++) block(c, dc, ac, ((my * c.v + v) * c.paddedPerLine + mx * c.h + h) * 64);
        }
        unit++;
      }
    }
  }
  // Continue after the entropy-coded data: at the next marker that is not a restart marker.
  let end = pos;
  while (end + 1 < data.length && !(data[end] === 0xff && data[end + 1] !== 0 && !(data[end + 1]! >= 0xd0 && data[end + 1]! <= 0xd7) && data[end + 1] !== 0xff)) end++;
  return end + 1 < data.length ? end : data.length;
}

// libjpeg's islow constants: FIX(x) = round(x · 2^13).
const F_0_298 = 2446, F_0_390 = 3196, F_0_541 = 4433, F_0_765 = 6270, F_0_899 = 7373, F_1_175 = 9633, F_1_501 = 12299;
const F_1_847 = 15137, F_1_961 = 16069, F_2_053 = 16819, F_2_562 = 20995, F_3_072 = 25172;
const CONST_BITS = 13;

/** IDCTs every block (libjpeg jidctint.c, 32-bit), upsamples as libjpeg does and interleaves the components. */
function output(frame: NonNullable<ReturnType<typeof readSof>>, colourTransform: boolean): Uint16Array {
  const { width, height, hmax, vmax, precision } = frame;
  const count = frame.components.length;
  const out = new Uint16Array(width * height * count);
  const pass1 = precision === 8 ? 2 : 1;
  const max = (1 << precision) - 1;
  const centre = 1 << (precision - 1);
  const ws = new Int32Array(64);
  const px = new Int32Array(64);
  /** libjpeg's range_limit[x & RANGE_MASK]: wrap to 4·2^P, then clamp x + centre. */
  const range = 4 << precision;
  const limit = (x: number) => {
    let v = x & (range - 1);
    if (v >= range >> 1) v -= range;
    v += centre;
    return v < 0 ? 0 : v > max ? max : v;
  };
  const full = new Uint16Array(width * height);
  frame.components.forEach((c, ci) => {
    const pw = c.paddedPerLine * 8;
    const plane = new Uint16Array(pw * c.paddedPerColumn * 8);
    const q = c.quant ?? new Uint16Array(64);
    const z = c.coefficients;
    for (let by = 0; by < c.paddedPerColumn; by++) {
      for (let bx = 0; bx < c.paddedPerLine; bx++) {
        idct(z, (by * c.paddedPerLine + bx) * 64, q, ws, px, pass1, limit);
        for (let y = 0; y < 8; y++) plane.set(px.subarray(y * 8, y * 8 + 8), (by * 8 + y) * pw + bx * 8);
      }
    }
    upsample(plane, pw, Math.ceil((width * c.h) / hmax), Math.ceil((height * c.v) / vmax), hmax / c.h, vmax / c.v, full, width, height);
    for (let i = 0; i < full.length; i++) out[i * count + ci] = full[i]!;
  });
  if (count === 3 && colourTransform) ycbcrToRgb(out, precision);
  return out;
}

/**
 * libjpeg 6b's upsampling (jdsample.c): "fancy" triangular interpolation for 2:1 horizontal (h2v1) and 2:1
 * both ways (h2v2) when the component is more than 2 samples wide; replication otherwise. Rows beyond the
 * component's last row repeat it, as libjpeg's context rows do. Writes `width × height` samples to `out`.
 */
function upsample(plane: Uint16Array, pw: number, cw: number, ch: number, fx: number, fy: number, out: Uint16Array, width: number, height: number): void {
  if (fx === 1 && fy === 1) {
    for (let y = 0; y < height; y++) out.set(plane.subarray(y * pw, y * pw + width), y * width);
    return;
  }
  if (fx === 2 && (fy === 1 || fy === 2) && cw > 2) {
    const row = new Int32Array(2 * cw);
    for (let y = 0; y < height; y++) {
      if (fy === 1) {
        const r = y * pw;
        let v = plane[r]!;
        row[0] = v;
        row[1] = (v * 3 + plane[r + 1]! + 2) >> 2;
        for (let x = 1; x < cw - 1; x++) {
          v = plane[r + x]! * 3;
          row[2 * x] = (v + plane[r + x - 1]! + 1) >> 2;
          row[2 * x + 1] = (v + plane[r + x + 1]! + 2) >> 2;
        }
        v = plane[r + cw - 1]!;
        row[2 * cw - 2] = (v * 3 + plane[r + cw - 2]! + 1) >> 2;
        row[2 * cw - 1] = v;
      } else {
        // Output row y lies in input row y >> 1; its nearer neighbour is the row above (even y) or below (odd y).
        const iy = y >> 1;
        const r0 = iy * pw;
        const r1 = Math.min(ch - 1, Math.max(0, y & 1 ? iy + 1 : iy - 1)) * pw;
        const sum = (x: number) => plane[r0 + x]! * 3 + plane[r1 + x]!;
        let last = sum(0);
        let thiz = last;
        let next = sum(1);
        row[0] = (thiz * 4 + 8) >> 4;
        row[1] = (thiz * 3 + next + 7) >> 4;
        last = thiz;
        thiz = next;
        for (let x = 1; x < cw - 1; x++) {
          next = sum(x + 1);
          row[2 * x] = (thiz * 3 + last + 8) >> 4;
          row[2 * x + 1] = (thiz * 3 + next + 7) >> 4;
          last = thiz;
          thiz = next;
        }
        row[2 * cw - 2] = (thiz * 3 + last + 8) >> 4;
        row[2 * cw - 1] = (thiz * 4 + 7) >> 4;
      }
      for (let x = 0; x < width; x++) out[y * width + x] = row[x]!;
    }
    return;
  }
  for (let y = 0; y < height; y++) {
    const r = Math.floor(y / fy) * pw;
    for (let x = 0; x < width; x++) out[y * width + x] = plane[r + Math.floor(x / fx)]!;
  }
}

/** libjpeg's YCbCr → RGB (jdcolor.c): 16-bit fixed-point tables, results clamped to 0 … 2^P − 1. */
function ycbcrToRgb(s: Uint16Array, precision: number): void {
  const max = (1 << precision) - 1;
  const centre = 1 << (precision - 1);
  const fix = (x: number) => Math.floor(x * 65536 + 0.5);
  const half = 1 << 15;
  const crR = new Int32Array(max + 1), cbB = new Int32Array(max + 1), crG = new Int32Array(max + 1), cbG = new Int32Array(max + 1);
  for (let i = 0; i <= max; i++) {
    const x = i - centre;
    crR[i] = (fix(1.402) * x + half) >> 16;
    cbB[i] = (fix(1.772) * x + half) >> 16;
    crG[i] = -fix(0.71414) * x;
    cbG[i] = -fix(0.34414) * x + half;
  }
  const clamp = (v: number) => (v < 0 ? 0 : v > max ? max : v);
  for (let i = 0; i + 2 < s.length; i += 3) {
    const y = s[i]!, cb = s[i + 1]!, cr = s[i + 2]!;
    s[i] = clamp(y + crR[cr]!);
    s[i + 1] = clamp(y + ((cbG[cb]! + crG[cr]!) >> 16));
    s[i + 2] = clamp(y + cbB[cb]!);
  }
}

function idct(z: Int16Array, at: number, q: Uint16Array, ws: Int32Array, out: Int32Array, pass1: number, limit: (x: number) => number): void {
  const mul = Math.imul;
  const shift1 = CONST_BITS - pass1;
  const round1 = 1 << (shift1 - 1);
  // Pass 1: columns, dequantizing; results scaled up by 2^pass1.
  for (let col = 0; col < 8; col++) {
    const i = at + col;
    if (!z[i + 8] && !z[i + 16] && !z[i + 24] && !z[i + 32] && !z[i + 40] && !z[i + 48] && !z[i + 56]) {
      const dc = mul(z[i]!, q[col]!) << pass1;
      for (let r = 0; r < 8; r++) ws[r * 8 + col] = dc;
      continue;
    }
    let z2 = mul(z[i + 16]!, q[16 + col]!);
    let z3 = mul(z[i + 48]!, q[48 + col]!);
    let z1 = mul((z2 + z3) | 0, F_0_541);
    let t2 = (z1 + mul(z3, -F_1_847)) | 0;
    let t3 = (z1 + mul(z2, F_0_765)) | 0;
    z2 = mul(z[i]!, q[col]!);
    z3 = mul(z[i + 32]!, q[32 + col]!);
    let t0 = ((z2 + z3) | 0) << CONST_BITS;
    let t1 = ((z2 - z3) | 0) << CONST_BITS;
    const t10 = (t0 + t3) | 0, t13 = (t0 - t3) | 0, t11 = (t1 + t2) | 0, t12 = (t1 - t2) | 0;
    t0 = mul(z[i + 56]!, q[56 + col]!);
    t1 = mul(z[i + 40]!, q[40 + col]!);
    t2 = mul(z[i + 24]!, q[24 + col]!);
    t3 = mul(z[i + 8]!, q[8 + col]!);
    z1 = (t0 + t3) | 0;
    z2 = (t1 + t2) | 0;
    z3 = (t0 + t2) | 0;
    let z4 = (t1 + t3) | 0;
    const z5 = mul((z3 + z4) | 0, F_1_175);
    t0 = mul(t0, F_0_298);
    t1 = mul(t1, F_2_053);
    t2 = mul(t2, F_3_072);
    t3 = mul(t3, F_1_501);
    z1 = mul(z1, -F_0_899);
    z2 = mul(z2, -F_2_562);
    z3 = (mul(z3, -F_1_961) + z5) | 0;
    z4 = (mul(z4, -F_0_390) + z5) | 0;
    t0 = (t0 + z1 + z3) | 0;
    t1 = (t1 + z2 + z4) | 0;
    t2 = (t2 + z2 + z3) | 0;
    t3 = (t3 + z1 + z4) | 0;
    ws[col] = (t10 + t3 + round1) >> shift1;
    ws[56 + col] = (t10 - t3 + round1) >> shift1;
    ws[8 + col] = (t11 + t2 + round1) >> shift1;
    ws[48 + col] = (t11 - t2 + round1) >> shift1;
    ws[16 + col] = (t12 + t1 + round1) >> shift1;
    ws[40 + col] = (t12 - t1 + round1) >> shift1;
    ws[24 + col] = (t13 + t0 + round1) >> shift1;
    ws[32 + col] = (t13 - t0 + round1) >> shift1;
  }
  // Pass 2: rows; descale by 2^(CONST_BITS + pass1 + 3) and range-limit.
  const shift2 = CONST_BITS + pass1 + 3;
  const round2 = 1 << (shift2 - 1);
  for (let row = 0; row < 64; row += 8) {
    const w = row;
    if (!ws[w + 1] && !ws[w + 2] && !ws[w + 3] && !ws[w + 4] && !ws[w + 5] && !ws[w + 6] && !ws[w + 7]) {
      const dc = limit((ws[w]! + (1 << (pass1 + 2))) >> (pass1 + 3));
      for (let k = 0; k < 8; k++) out[row + k] = dc;
      continue;
    }
    let z2 = ws[w + 2]!;
    let z3 = ws[w + 6]!;
    let z1 = mul((z2 + z3) | 0, F_0_541);
    let t2 = (z1 + mul(z3, -F_1_847)) | 0;
    let t3 = (z1 + mul(z2, F_0_765)) | 0;
    let t0 = ((ws[w]! + ws[w + 4]!) | 0) << CONST_BITS;
    let t1 = ((ws[w]! - ws[w + 4]!) | 0) << CONST_BITS;
    const t10 = (t0 + t3) | 0, t13 = (t0 - t3) | 0, t11 = (t1 + t2) | 0, t12 = (t1 - t2) | 0;
    t0 = ws[w + 7]!;
    t1 = ws[w + 5]!;
    t2 = ws[w + 3]!;
    t3 = ws[w + 1]!;
    z1 = (t0 + t3) | 0;
    z2 = (t1 + t2) | 0;
    z3 = (t0 + t2) | 0;
    let z4 = (t1 + t3) | 0;
    const z5 = mul((z3 + z4) | 0, F_1_175);
    t0 = mul(t0, F_0_298);
    t1 = mul(t1, F_2_053);
    t2 = mul(t2, F_3_072);
    t3 = mul(t3, F_1_501);
    z1 = mul(z1, -F_0_899);
    z2 = mul(z2, -F_2_562);
    z3 = (mul(z3, -F_1_961) + z5) | 0;
    z4 = (mul(z4, -F_0_390) + z5) | 0;
    t0 = (t0 + z1 + z3) | 0;
    t1 = (t1 + z2 + z4) | 0;
    t2 = (t2 + z2 + z3) | 0;
    t3 = (t3 + z1 + z4) | 0;
    out[row] = limit((t10 + t3 + round2) >> shift2);
    out[row + 7] = limit((t10 - t3 + round2) >> shift2);
    out[row + 1] = limit((t11 + t2 + round2) >> shift2);
    out[row + 6] = limit((t11 - t2 + round2) >> shift2);
    out[row + 2] = limit((t12 + t1 + round2) >> shift2);
    out[row + 5] = limit((t12 - t1 + round2) >> shift2);
    out[row + 3] = limit((t13 + t0 + round2) >> shift2);
    out[row + 4] = limit((t13 - t0 + round2) >> shift2);
  }
}
