import { z } from 'zod';

/** Ids this server makes: 16 URL-safe characters. Anything else in a path is refused before any query. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not an id');
export const UserName = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._@-]+$/u, 'may hold letters, digits, . _ @ and - only');
export const Password = z.string().min(10, 'must be at least 10 characters').max(1024);
export const ProjectName = z.string().trim().min(1).max(120);
export const Visibility = z.enum(['private', 'internal']);
export const Ok = z.object({ ok: z.literal(true) });
export const ProjectParams = z.object({ projectId: Id });
