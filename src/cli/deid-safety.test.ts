import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pseudonymousPaths } from './deid-names';
import { main } from './main';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fixture = new URL('../data/fixtures/medical/deid_utf8.dcm', import.meta.url).pathname;
const base = mkdtempSync(join(tmpdir(), 'jimu-deid-safety-'));
let n = 0;

/** A study folder: one DICOM file in a folder named after the patient, one hidden DICOM file, one text file. */
function study(): string {
  const dir = join(base, `case-${++n}`);
  const input = join(dir, 'in');
  mkdirSync(join(input, 'Doe^John_MKFN'), { recursive: true });
  copyFileSync(fixture, join(input, 'Doe^John_MKFN', 'Doe_John_0001.dcm'));
  copyFileSync(fixture, join(input, '.hidden_Doe.dcm'));
  writeFileSync(join(input, 'notes.txt'), 'Doe, John');
  return dir;
}

/** Every file under a folder, with its bytes, to prove a refusal changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = join(e.parentPath, e.name);
    if (e.isFile()) out[relative(dir, p)] = readFileSync(p).toString('hex');
  }
  return out;
}

describe('jimu deid never writes where it must not', () => {
  it('refuses OUT that is a link to IN, and leaves the originals as they were', async () => {
    const dir = study();
    const before = snapshot(join(dir, 'in'));
    symlinkSync(join(dir, 'in'), join(dir, 'out'));
    const r = await run('deid', join(dir, 'in'), join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/same path \(after following links\)/);
    expect(snapshot(join(dir, 'in'))).toEqual(before);
  });

  it('refuses OUT inside IN through a link, and IN inside OUT', async () => {
    const dir = study();
    symlinkSync(join(dir, 'in', 'Doe^John_MKFN'), join(dir, 'sub-link'));
    const inside = await run('deid', join(dir, 'in'), join(dir, 'sub-link', 'deid'));
    expect(inside.code).toBe(2);
    expect(inside.err).toMatch(/OUT is inside IN/);
    expect(existsSync(join(dir, 'in', 'Doe^John_MKFN', 'deid'))).toBe(false);
    const around = await run('deid', join(dir, 'in', 'Doe^John_MKFN'), join(dir, 'in'));
    expect(around.code).toBe(2);
    expect(around.err).toMatch(/IN is inside OUT/);
  });

  it('refuses a non-empty OUT it did not write, with or without --overwrite', async () => {
    const dir = study();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'precious.txt'), 'keep me');
    for (const extra of [[], ['--overwrite']]) {
      const r = await run('deid', join(dir, 'in'), join(dir, 'out'), ...extra);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/not empty and was not written by jimu deid/);
    }
    expect(snapshot(join(dir, 'out'))).toEqual({ 'precious.txt': Buffer.from('keep me').toString('hex') });
  });

  it('with --overwrite replaces only the files it wrote, never others', async () => {
    const dir = study();
    const out = join(dir, 'out');
    expect((await run('deid', join(dir, 'in'), out, '--salt', 's')).code).toBe(0);
    const again = await run('deid', join(dir, 'in'), out, '--salt', 's');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--overwrite/);
    writeFileSync(join(out, 'mine.txt'), 'a file the user put there');
    const r = await run('deid', join(dir, 'in'), out, '--salt', 't', '--overwrite');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).toBe('a file the user put there');
    expect(Object.keys(snapshot(out)).sort()).toEqual(['.jimu-deid.json', '0001.dcm', '0001/0001.dcm', 'mine.txt']);
  });

  it('does not write through a file link or a folder link inside OUT', async () => {
    const dir = study();
    const out = join(dir, 'out');
    expect((await run('deid', join(dir, 'in'), out)).code).toBe(0);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'outside OUT');
    rmSync(join(out, '0001.dcm'));
    symlinkSync(victim, join(out, '0001.dcm'));
    const file = await run('deid', join(dir, 'in'), out, '--overwrite');
    expect(file.code).toBe(2);
    expect(file.err).toMatch(/link/);
    expect(readFileSync(victim, 'utf8')).toBe('outside OUT');

    const dir2 = study();
    const out2 = join(dir2, 'out');
    expect((await run('deid', join(dir2, 'in'), out2)).code).toBe(0);
    const elsewhere = join(dir2, 'elsewhere');
    mkdirSync(elsewhere);
    rmSync(join(out2, '0001'), { recursive: true });
    symlinkSync(elsewhere, join(out2, '0001'));
    const folder = await run('deid', join(dir2, 'in'), out2, '--overwrite');
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/symbolic link; Jimu does not write through links/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('gives output files numbered names and counts every file, hidden ones too', async () => {
    const dir = study();
    const r = await run('deid', join(dir, 'in'), join(dir, 'out'), '--salt', 's');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ 2 of 3 files de-identified/);
    const names = Object.keys(snapshot(join(dir, 'out')));
    expect(names.sort()).toEqual(['.jimu-deid.json', '0001.dcm', '0001/0001.dcm']);
    for (const name of names) expect(name).not.toMatch(/Doe|MKFN/);
    expect(readFileSync(join(dir, 'out', '.jimu-deid.json'), 'utf8')).not.toMatch(/Doe|MKFN/);
  });

  it('keeps names with --keep-names, and warns', async () => {
    const dir = study();
    const r = await run('deid', join(dir, 'in'), join(dir, 'out'), '--keep-names');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/--keep-names copies file and folder names/);
    expect(existsSync(join(dir, 'out', 'Doe^John_MKFN', 'Doe_John_0001.dcm'))).toBe(true);
    expect(existsSync(join(dir, 'out', '.hidden_Doe.dcm'))).toBe(true);
  });

  it('refuses a single file into an existing folder, saying what to give instead', async () => {
    const dir = study();
    mkdirSync(join(dir, 'out'));
    const r = await run('deid', fixture, join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a folder, but IN is a single file/);
    expect(r.err).toMatch(/path of the de-identified file/);
    expect(r.err).not.toMatch(/pipeline/);
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });
});

describe('jimu deid on crafted studies (UTF-8, GB18030, implicit VR)', () => {
  it('leaves no marker in any output file name or byte, raw or decoded', async () => {
    const attacks = new URL('../data/fixtures/medical/attacks/', import.meta.url).pathname;
    const spec = JSON.parse(readFileSync(join(attacks, 'attacks.json'), 'utf8')) as { deid: { file: string; codec: string; markers: { text: string; hex: string }[] }[] };
    const dir = join(base, 'crafted');
    mkdirSync(join(dir, 'in', 'Doe^John_MKFN', 'series 1'), { recursive: true });
    copyFileSync(join(attacks, spec.deid[0]!.file), join(dir, 'in', 'Doe^John_MKFN', 'series 1', 'Doe_John_MKFN_1.dcm'));
    copyFileSync(join(attacks, spec.deid[1]!.file), join(dir, 'in', '.hidden_Doe.dcm'));
    copyFileSync(join(attacks, spec.deid[2]!.file), join(dir, 'in', 'Doe^John_MKFN', '19610415.dcm'));
    const r = await run('deid', join(dir, 'in'), join(dir, 'out'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ found: 3, written: 3 });
    const files = snapshot(join(dir, 'out'));
    expect(Object.keys(files)).toHaveLength(4);
    const markers = [...spec.deid.flatMap((d) => d.markers.map((m) => ({ ...m, codec: d.codec }))), { text: 'Doe', hex: Buffer.from('Doe').toString('hex'), codec: 'utf-8' }, { text: '19610415', hex: Buffer.from('19610415').toString('hex'), codec: 'utf-8' }];
    for (const [name, hex] of Object.entries(files)) {
      const bytes = Buffer.from(hex, 'hex');
      for (const m of markers) {
        expect(name.includes(m.text), `${m.text} in the name ${name}`).toBe(false);
        expect(bytes.includes(Buffer.from(m.hex, 'hex')), `${m.text} in ${name}`).toBe(false);
        expect(new TextDecoder(m.codec).decode(bytes).includes(m.text), `${m.text} decoded in ${name}`).toBe(false);
      }
    }
  });
});

describe('folder link loops', () => {
  it.each([
    ['a folder link back to IN', (input: string) => symlinkSync(input, join(input, 'Doe^John_MKFN', 'loop'))],
    ['a link to itself', (input: string) => symlinkSync(join(input, 'self'), join(input, 'self'))],
  ])('%s is a clear error with exit 2 in deid and inspect', async (_, make) => {
    const dir = study();
    make(join(dir, 'in'));
    const d = await run('deid', join(dir, 'in'), join(dir, 'out'));
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/symbolic link loop/);
    const i = await run('inspect', join(dir, 'in'));
    expect(i.code).toBe(2);
    expect(i.err).toMatch(/symbolic link loop/);
  });
});

describe('pseudonymous output paths', () => {
  it('number folders and files per folder in input order, keeping the structure', () => {
    expect(pseudonymousPaths(['.hidden_Doe.dcm', 'Doe^John/a.dcm', 'Doe^John/b.dcm', 'Roe^Jane/x/1', 'z.dcm'])).toEqual([
      '0001.dcm', '0001/0001.dcm', '0001/0002.dcm', '0002/0001/0001.dcm', '0002.dcm',
    ]);
  });
});
