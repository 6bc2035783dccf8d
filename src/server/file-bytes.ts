import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** The first `bytes` bytes of a file (fewer when it is shorter): enough to tell DICOM by its preamble and magic. */
export async function readHead(path: string, bytes = 132): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(b, 0, bytes, 0);
    return new Uint8Array(b.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** A file's size and sha-256 (hex), read as a stream: the server's uploads and `jimu push` hash the same way. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: h.digest('hex') };
}
