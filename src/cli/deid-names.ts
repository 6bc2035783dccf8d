import { posix } from 'node:path';

/**
 * Output paths that keep the input's folder structure (a series stays one folder) but none of its names:
 * folders and files are numbered in the sorted order of the input, files ending in `.dcm`. Names such as
 * `Doe^John_MKFN/` or `.hidden_Doe.dcm` would otherwise carry a patient's identity into the copy.
 */
export function pseudonymousPaths(relPaths: readonly string[]): string[] {
  const children = new Map<string, Map<string, string>>();
  const counts = new Map<string, { dirs: number; files: number }>();
  const width = Math.max(4, String(relPaths.length).length);
  const numbered = (n: number) => String(n).padStart(width, '0');
  const nameIn = (parent: string, child: string, isFile: boolean) => {
    let names = children.get(parent);
    if (!names) children.set(parent, (names = new Map()));
    const key = `${isFile ? 'f' : 'd'}:${child}`;
    let name = names.get(key);
    if (!name) {
      const c = counts.get(parent) ?? { dirs: 0, files: 0 };
      counts.set(parent, c);
      name = isFile ? `${numbered(++c.files)}.dcm` : numbered(++c.dirs);
      names.set(key, name);
    }
    return name;
  };
  return relPaths.map((rel) => {
    const parts = rel.split(/[\\/]/);
    let inParent = '';
    let outPath = '';
    parts.forEach((part, i) => {
      const name = nameIn(inParent, part, i === parts.length - 1);
      inParent = posix.join(inParent, part);
      outPath = outPath ? posix.join(outPath, name) : name;
    });
    return outPath;
  });
}
