import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExpectedCodecs } from '../fixtures/medical/expected';
import { DECODED_COMPRESSION, readFolder, readVolume } from '../medical';
import { MedicalFileError } from '../medical-error';
import { close, voxel } from '../testing/medical';
import { volumeStats } from '../volume';
import { j2kSize, jpegFrame, loadCodecs } from './codecs';
import { decodeDctJpeg } from './jpeg12';
import { parseDicom } from './parse';
import { decodePixels } from './pixels';
import { readDicom } from './read-dicom';
import { readDicomSeries } from './series';
import { T } from './values';
import { writeDicom } from './write';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/medical/${name}`, import.meta.url)));
const expected = JSON.parse(readFileSync(new URL('../fixtures/medical/expected-codecs.json', import.meta.url), 'utf8')) as ExpectedCodecs;

describe('compressed and colour DICOM against independent readers', () => {
  it.each(expected.cases.map((c) => [`${c.file} — ${c.note}`, c] as const))('%s', async (_, c) => {
    const v = await readDicom(fixture(c.file));
    expect(v.meta.header.transferSyntax).toBe(c.transferSyntax);
    expect(v.shape).toEqual(c.shape);
    expect(v.data.length).toBe(c.shape.reduce((a, b) => a * b, 1));
    if (c.colour) {
      expect(v.meta.channels).toEqual(['R', 'G', 'B']);
      expect(v.spacing).toHaveLength(4);
      expect(v.meta.header.photometricInterpretation).toBe(c.photometric);
    } else {
      expect(v.meta.channels).toBeUndefined();
    }
    const s = volumeStats(v.data);
    const tol = c.tolerance;
    expect(close(s.min, c.min, 1e-6, tol + 1e-6)).toBe(true);
    expect(close(s.max, c.max, 1e-6, tol + 1e-6)).toBe(true);
    expect(close(s.mean, c.mean, 1e-6, tol / 4 + 1e-4)).toBe(true);
    for (const p of c.probes) expect(Math.abs(voxel(v, p.index) - p.value), `voxel ${p.index.join(',')}`).toBeLessThanOrEqual(tol);
    // Every voxel, exactly (12-bit JPEG Extended against DCMTK's dcmdjpeg).
    if (c.sha256) expect(createHash('sha256').update(new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength)).digest('hex')).toBe(c.sha256);
    if (c.twin) {
      // The same pixels stored another way (uncompressed or lossless), read by the verified readers.
      const t = await readDicom(fixture(c.twin));
      expect(t.shape).toEqual(v.shape);
      let worst = 0;
      for (let i = 0; i < v.data.length; i++) worst = Math.max(worst, Math.abs(v.data[i]! - t.data[i]!));
      expect(worst).toBeLessThanOrEqual(c.twinTolerance ?? 0);
    }
  });

  it.each(expected.dct.map((c) => [c.file, c] as const))('%s: the DCT decoder alone gives what DCMTK dcmdjpeg gives, sample for sample', (_, c) => {
    const frame = parseDicom(fixture(c.file)).dataset.elements.get(0x7fe00010)!.fragments![1]!;
    const img = decodeDctJpeg(frame, { colourTransform: c.colourTransform });
    expect(createHash('sha256').update(new Uint8Array(img.samples.buffer, img.samples.byteOffset, img.samples.byteLength)).digest('hex')).toBe(c.sha256);
  });

  it('names 12-bit JPEG Extended among the decoded syntaxes; other JPEG processes are still typed errors', async () => {
    expect(DECODED_COMPRESSION).toContain('12-bit');
    // A progressive (SOF2) frame in place of the extended one: refused with a typed error.
    const file = parseDicom(fixture('MR_small_jpeg_ext12.dcm'));
    const frags = file.dataset.elements.get(0x7fe00010)!.fragments!;
    const frame = frags[1]!.slice();
    const sof = frame.findIndex((b, i) => b === 0xff && frame[i + 1] === 0xc1);
    frame[sof + 1] = 0xc2;
    frags[1] = frame;
    const e = (() => { try { decodePixels(file); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(MedicalFileError);
    expect((e as MedicalFileError).code).toBe('unsupported-datatype');
    expect((e as Error).message).toContain('progressive');
  });

  it('gives a luminance volume on request: BT.601 luma of the RGB planes, 3D', async () => {
    const rgb = await readDicom(fixture('SC_rgb_rle.dcm'));
    const y = await readDicom(fixture('SC_rgb_rle.dcm'), { colour: 'luminance' });
    expect(y.shape).toEqual([100, 100, 1]);
    expect(y.spacing).toHaveLength(3);
    expect(y.meta.channels).toBeUndefined();
    const n = 100 * 100;
    for (const i of [0, 517, 5050, n - 1]) expect(y.data[i]).toBeCloseTo(0.299 * rgb.data[i]! + 0.587 * rgb.data[n + i]! + 0.114 * rgb.data[2 * n + i]!, 4);
  });

  it('keeps frames apart from channels in a multi-frame colour file', async () => {
    const v = await readDicom(fixture('SC_rgb_rle_16bit_2frame.dcm'));
    const n = 100 * 100;
    // Frame 2 of pydicom's file is frame 1 inverted (65535 − v).
    for (const i of [0, 123, 9999]) for (let c = 0; c < 3; c++) expect(v.data[c * 2 * n + n + i]).toBe(65535 - v.data[c * 2 * n + i]!);
  });

  it('reads through readVolume and readFolder, loading the decoders they need', async () => {
    const v = await readVolume(fixture('MR_small_jp2klossless.dcm'));
    const twin = await readVolume(fixture('MR_small.dcm'));
    expect(Array.from(v.data)).toEqual(Array.from(twin.data));
    const folder = await readFolder([
      { name: 'ls.dcm', bytes: fixture('MR_small_jpeg_ls_lossless.dcm') },
      { name: 'rgb.dcm', bytes: fixture('SC_rgb_jpeg_gdcm.dcm') },
    ]);
    expect(folder.map((f) => f.error)).toEqual([undefined, undefined]);
    expect(folder.map((f) => f.volume!.shape.length).sort()).toEqual([3, 4]);
  });

  it('stacks a series of compressed slices', async () => {
    const v = await readDicomSeries([{ name: 'a', bytes: fixture('MR_small_jpeg_lossless_sv1.dcm') }]);
    expect(v.shape).toEqual([64, 64, 1]);
    expect(Array.from(v.data)).toEqual(Array.from((await readDicom(fixture('MR_small.dcm'))).data));
  });

  it('stacks colour slices into [columns, rows, slices, 3], or their luminance', async () => {
    const slice = (z: number) => {
      const f = parseDicom(fixture('SC_rgb_jpeg_gdcm.dcm'));
      const ds = (t: number, text: string) => {
        const v = new TextEncoder().encode(text.length % 2 ? `${text} ` : text);
        f.dataset.elements.set(t, { tag: t, vr: 'DS', value: v });
      };
      ds(T.ImagePositionPatient, `0\\0\\${z}`);
      ds(T.ImageOrientationPatient, '1\\0\\0\\0\\1\\0');
      return writeDicom(f);
    };
    const files = [{ name: 'b', bytes: slice(5) }, { name: 'a', bytes: slice(0) }];
    const v = await readDicomSeries(files);
    expect(v.shape).toEqual([100, 100, 2, 3]);
    expect(v.meta.channels).toEqual(['R', 'G', 'B']);
    const one = await readDicom(fixture('SC_rgb_jpeg_gdcm.dcm'));
    const n = 100 * 100;
    for (let c = 0; c < 3; c++) for (const k of [0, 1]) expect(Array.from(v.data.subarray(c * 2 * n + k * n, c * 2 * n + (k + 1) * n))).toEqual(Array.from(one.data.subarray(c * n, (c + 1) * n)));
    const y = await readDicomSeries(files, { colour: 'luminance' });
    expect(y.shape).toEqual([100, 100, 2]);
  });

  it('refuses to decode before its decoder is loaded, with a message that says so', async () => {
    // A fresh module registry: nothing loaded yet.
    const { vi } = await import('vitest');
    vi.resetModules();
    const fresh = await import('./pixels');
    const { parseDicom: parse } = await import('./parse');
    expect(() => fresh.decodePixels(parse(fixture('MR_small_jpeg_ls_near.dcm')))).toThrow(/loadCodecs/);
  });

  it('turns damaged codestreams into typed errors', async () => {
    await loadCodecs(['1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.90']);
    for (const name of ['MR_small_jpeg_lossless_sv1.dcm', 'MR_small_jpeg_ls_lossless.dcm', 'MR_small_jp2klossless.dcm', 'SC_rgb_jpeg_ls.dcm', 'MR_small_jpeg_ext12_restart.dcm', 'JPGExtended.dcm']) {
      const file = parseDicom(fixture(name));
      const frags = file.dataset.elements.get(0x7fe00010)!.fragments!;
      const frame = frags[frags.length - 1]!;
      // Garbled entropy-coded data: a typed error, or pixels of the declared size (decoders may decode noise).
      for (let i = Math.floor(frame.length / 3); i < frame.length; i += 7) frame[i] = 0xff;
      expect(['decoded', 'typed']).toContain(outcome(file));
      // A frame cut inside its headers: always a typed error.
      frags[frags.length - 1] = frame.subarray(0, 40);
      expect(outcome(file)).toBe('typed');
      await loadCodecs([file.transferSyntax]);
    }
    // A module that failed keeps answering with typed errors or pixels until the next load replaces it
    // (readFolder loads once for many files), and the decoders work afterwards.
    const good = fixture('MR_small_jpeg_ls_lossless.dcm');
    const bad = good.slice();
    bad.fill(0xff, bad.length - 3000, bad.length - 200);
    await loadCodecs(['1.2.840.10008.1.2.4.80']);
    expect(outcome(parseDicom(bad))).toBe('typed');
    expect(['decoded', 'typed']).toContain(outcome(parseDicom(good)));
    expect((await readDicom(fixture('MR_small_jpeg_ls_lossless.dcm'))).shape).toEqual([64, 64, 1]);
    expect((await readDicom(fixture('MR_small_jp2klossless.dcm'))).shape).toEqual([64, 64, 1]);
  });

  it('refuses a frame whose codestream declares another size than the data set, before decoding it', async () => {
    await loadCodecs(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.80']);
    // JPEG 2000: the SIZ marker's Xsiz/Ysiz (offsets 8 and 12 after the SOC marker) claim 4,000 × 4,000 (within the decoder limit).
    const j2k = parseDicom(fixture('MR_small_jp2klossless.dcm'));
    const frags = j2k.dataset.elements.get(0x7fe00010)!.fragments!;
    const frame = frags[frags.length - 1]!;
    expect(j2kSize(frame)).toEqual({ width: 64, height: 64, components: 1 });
    const at = frame.indexOf(0x4f) - 1; // the SOC marker (FF 4F) opens the codestream
    new DataView(frame.buffer, frame.byteOffset + at).setUint32(8, 4_000);
    new DataView(frame.buffer, frame.byteOffset + at).setUint32(12, 4_000);
    expect(() => decodePixels(j2k)).toThrow(/declares 4000×4000×1 samples; the header says 64×64×1 .* It was not decoded/);
    // JPEG-LS: the SOF55 frame header says 64 × 65 against Rows 64.
    const ls = parseDicom(fixture('MR_small_jpeg_ls_lossless.dcm'));
    const lsFrags = ls.dataset.elements.get(0x7fe00010)!.fragments!;
    const lsFrame = lsFrags[lsFrags.length - 1]!;
    const sof = jpegFrame(lsFrame)!;
    expect([sof.columns, sof.rows]).toEqual([64, 64]);
    for (let i = 0; i + 1 < lsFrame.length; i++) {
      if (lsFrame[i] === 0xff && lsFrame[i + 1] === 0xf7) {
        lsFrame[i + 6] = 65; // rows, low byte
        break;
      }
    }
    expect(() => decodePixels(ls)).toThrow(/declares 64×65×1 samples; the header says 64×64×1/);
  });

  it('reads JPEG frame headers: precision, size, components and colour hints', () => {
    const f = jpegFrame(parseDicom(fixture('JPGExtended.dcm')).dataset.elements.get(0x7fe00010)!.fragments![1]!);
    expect(f).toMatchObject({ sof: 0xc1, precision: 12, rows: 1024, columns: 256, components: 1 });
    const rgb = jpegFrame(parseDicom(fixture('SC_rgb_dcmtk_pebpcr.dcm')).dataset.elements.get(0x7fe00010)!.fragments![1]!);
    expect(rgb).toMatchObject({ sof: 0xc0, precision: 8, components: 3 });
    expect(jpegFrame(new Uint8Array([0xff, 0xd8, 0xff]))).toBeUndefined();
  });
});

/** What decodePixels does with a (damaged) file: decodes it to the declared size, or throws a typed error; anything else fails the test. */
function outcome(file: ReturnType<typeof parseDicom>): 'decoded' | 'typed' {
  try {
    const px = decodePixels(file);
    expect(px.values.length).toBe(px.rows * px.columns * px.frames * px.channels);
    return 'decoded';
  } catch (e) {
    if (e instanceof MedicalFileError) return 'typed';
    throw e;
  }
}
