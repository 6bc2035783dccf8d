import type { ImportSource } from '../../data/dataset-import';

/** A picked file as an import source: read only when its case is imported, so a large folder is never held in memory. */
const fileSource = (path: string, f: File): ImportSource => ({ path, size: f.size, lastModified: f.lastModified, read: async () => new Uint8Array(await f.arrayBuffer()) });

/** Files picked with an <input type="file"> (its folder path when a folder was chosen). */
export function sourcesFromFiles(files: Iterable<File>): ImportSource[] {
  return [...files].map((f) => fileSource(f.webkitRelativePath || f.name, f));
}

/** Files and folders dropped on the page, folders walked recursively (paths below the dropped item). */
export async function sourcesFromDrop(items: DataTransferItemList): Promise<ImportSource[]> {
  const entries = [...items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const out: ImportSource[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push(fileSource(`${prefix}${entry.name}`, file));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns the folder in batches until it returns an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
    }
  };
  for (const e of entries) await walk(e, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
