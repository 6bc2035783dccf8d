import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { readImageFolder, type ImageFolderOptions } from './image-folder';
import { flatPng, jpeg, memoryIO, png } from './testing/fixtures';

const options = (o: Partial<ImageFolderOptions> = {}): ImageFolderOptions => ({
  folder: 'images',
  labels: 'labels.csv',
  idColumn: 'id',
  labelColumns: ['dx'],
  classes: ['normal', 'disease'],
  patientColumn: '',
  height: 2,
  width: 2,
  channels: 1,
  resize: false,
  ...o,
});

describe('readImageFolder', () => {
  it('reads images named by the table, in table order, with or without extensions', async () => {
    const io = memoryIO({
      'labels.csv': 'id,patient,dx\nb,P2,disease\na.png,P1,normal\nc,P1,normal\n',
      'images/a.png': flatPng(2, 2, 51),
      'images/b.png': png(2, 2, 1, [0, 255, 255, 0]),
      'images/c.jpg': jpeg(2, 2, new Array<number>(12).fill(102)),
      'images/unlabelled.png': flatPng(5, 5, 0),
      'images/notes.txt': 'not an image',
    });
    const set = await readImageFolder(io, options({ patientColumn: 'patient' }));
    expect(set).toMatchObject({ n: 3, imageShape: [2, 2, 1], labelShape: [2], ids: ['b', 'a.png', 'c'], groups: ['P2', 'P1', 'P1'], labelNames: ['normal', 'disease'], task: 'multiclass' });
    expect(Array.from(set.x.subarray(0, 8))).toEqual([0, 1, 1, 0, 0.2, 0.2, 0.2, 0.2].map(Math.fround));
    for (const v of set.x.subarray(8)) expect(v).toBeCloseTo(0.4, 1);
    expect(Array.from(set.y)).toEqual([0, 1, 1, 0, 1, 0]);
    expect(io.reads).not.toContain('images/unlabelled.png');
  });

  it.each([
    { name: 'grey to three channels', channels: 3 as const, image: () => png(1, 1, 1, [51]), expected: [0.2, 0.2, 0.2] },
    { name: 'colour to grey (luma)', channels: 1 as const, image: () => png(1, 1, 3, [255, 0, 0]), expected: [0.299] },
  ])('converts $name', async ({ channels, image, expected }) => {
    const io = memoryIO({ 'labels.csv': 'id,dx\na,normal\n', 'images/a.png': image() });
    const set = await readImageFolder(io, options({ height: 1, width: 1, channels }));
    expect(set.imageShape).toEqual([1, 1, channels]);
    expected.forEach((v, i) => expect(set.x[i]).toBeCloseTo(v, 5));
  });

  it('resizes while reading when asked, whatever the sizes', async () => {
    const io = memoryIO({ 'labels.csv': 'id,dx\na,normal\nb,disease\n', 'images/a.png': flatPng(4, 4, 255), 'images/b.png': flatPng(8, 3, 0) });
    const set = await readImageFolder(io, options({ resize: true }));
    expect(Array.from(set.x)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('reads a folder at the root and regression labels', async () => {
    const io = memoryIO({ 'ages.csv': 'file,age\nx.png,63\n', 'x.png': flatPng(2, 2, 0) });
    const set = await readImageFolder(io, options({ folder: '.', labels: 'ages.csv', idColumn: 'file', labelColumns: ['age'], classes: [] }));
    expect(set).toMatchObject({ task: 'regression', labelShape: [1], labelNames: ['age'] });
    expect(Array.from(set.y)).toEqual([63]);
  });
});

describe('readImageFolder: refuses, saying what to do', () => {
  it.each<{ name: string; files: Record<string, Uint8Array | string>; message: RegExp; hint: RegExp }>([
    {
      name: 'an image the table names but the folder lacks',
      files: { 'labels.csv': 'id,dx\na,normal\nzz,normal\n', 'images/a.png': flatPng(2, 2, 0) },
      message: /labels\.csv, row 3: there is no image "zz" in the folder "images"/,
      hint: /Check the id column "id"/,
    },
    {
      name: 'images of several sizes',
      files: { 'labels.csv': 'id,dx\na,normal\nb,normal\nc,disease\n', 'images/a.png': flatPng(2, 2, 0), 'images/b.png': flatPng(2, 2, 0), 'images/c.png': flatPng(3, 2, 0) },
      message: /differ in size: 2 are 2×2; 1 is 2×3 \(c\.png\); this block says 2×2/,
      hint: /Resize while reading/,
    },
    {
      name: 'images all of another size than the block says',
      files: { 'labels.csv': 'id,dx\na,normal\n', 'images/a.png': flatPng(4, 3, 0) },
      message: /The image in "images" is 3×4 \(height × width\), but this block says 2×2/,
      hint: /Set Height × Width to 3×4 here, then add a Resize block/,
    },
    {
      name: 'an id that matches two files',
      files: { 'labels.csv': 'id,dx\na,normal\n', 'images/a.png': flatPng(2, 2, 0), 'images/a.jpg': jpeg(2, 2, new Array<number>(12).fill(0)) },
      message: /row 2: "a" could be a\.jpg or a\.png/,
      hint: /with its extension/,
    },
    {
      name: 'a file that is not an image',
      files: { 'labels.csv': 'id,dx\na,normal\n', 'images/a.png': 'hello' },
      message: /"images\/a\.png" is neither a PNG nor a JPEG/,
      hint: /PNG or JPEG/,
    },
    {
      name: 'a bad label',
      files: { 'labels.csv': 'id,dx\na,sick\n', 'images/a.png': flatPng(2, 2, 0) },
      message: /labels\.csv, row 2, column "dx": "sick" is not one of the classes/,
      hint: /Add "sick" to Classes/,
    },
    {
      name: 'an empty folder',
      files: { 'labels.csv': 'id,dx\na,normal\n' },
      message: /no image "a"/,
      hint: /no PNG or JPEG files/,
    },
  ])('$name', async ({ files, message, hint }) => {
    const error = await readImageFolder(memoryIO(files), options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(message);
    expect((error as DataError).hint).toMatch(hint);
  });

  it('passes on a missing label table from the DataIO', async () => {
    await expect(readImageFolder(memoryIO({}), options())).rejects.toThrow(/cannot read "labels\.csv"/);
  });
});
