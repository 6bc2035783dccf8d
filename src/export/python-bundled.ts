import type { ExportFile } from './dataset-files';

/**
 * The Python side of an export as the app bundles it: python/train.py and python/jimu_torch/*.py, the same
 * files `jimu export` reads from disk. Each is its own lazy chunk, fetched only when an export goes ahead, so
 * the page's bundle does not carry them.
 */
const SOURCES = import.meta.glob<string>(['../../python/train.py', '../../python/jimu_torch/*.py'], { query: '?raw', import: 'default', eager: false });

const PREFIX = '../../python/';

/** The bundled Python sources, paths relative to python/ (as `pythonFiles` in the CLI gives them). */
export async function bundledPythonFiles(): Promise<ExportFile[]> {
  const encoder = new TextEncoder();
  return Promise.all(
    Object.entries(SOURCES).map(async ([key, load]) => {
      if (!key.startsWith(PREFIX)) throw new Error(`unexpected Python source ${key}`);
      return { path: key.slice(PREFIX.length), bytes: encoder.encode(await load()) };
    }),
  );
}
