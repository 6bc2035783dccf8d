import { and, eq, lt, sql } from 'drizzle-orm';
import type { BlobStore } from '../blobs/store';
import type { Db } from '../db/connect';
import { auditLog, uploadSessions } from '../db/schema';
import { UploadFiles } from './upload-files';

/** An open upload that has received nothing for this long is removed (its bytes and its quota freed). */
export const UPLOAD_EXPIRY_MS = 7 * 24 * 3600_000;

/**
 * Removes open uploads idle for longer than `idleMs`: the row first, in one statement that re-checks the
 * state and the time (an upload that just received a chunk or began completing is kept), then its bytes
 * on disk; each removal is in the audit log. Returns the ids removed.
 */
export async function expireUploads(db: Db, dataDir: string, blobs: BlobStore, idleMs = UPLOAD_EXPIRY_MS): Promise<string[]> {
  const cutoff = sql`now() - ${`${Math.max(0, Math.round(idleMs))} milliseconds`}::interval`;
  const gone = await db
    .delete(uploadSessions)
    .where(and(eq(uploadSessions.state, 'open'), lt(uploadSessions.touchedAt, cutoff)))
    .returning({ id: uploadSessions.id, projectId: uploadSessions.projectId, dataset: uploadSessions.dataset, bytes: uploadSessions.bytes });
  for (const u of gone) {
    await UploadFiles.for(dataDir, u.id, blobs).remove();
    await db.insert(auditLog).values({ action: 'upload.expire', userId: null, projectId: u.projectId, target: u.dataset, outcome: 'ok', ip: null, detail: { upload: u.id, bytes: u.bytes, idleDays: +(idleMs / 86_400_000).toFixed(2) } });
  }
  return gone.map((u) => u.id);
}
