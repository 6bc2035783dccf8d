import { eq } from 'drizzle-orm';
import { hashPassword, newId } from './auth/secrets';
import type { Db } from './db/connect';
import { users } from './db/schema';
import { HttpError } from './route';

/** Creates a user with an argon2id-hashed password; a taken name is refused. */
export async function createUser(db: Db, u: { name: string; password: string; admin?: boolean }): Promise<{ id: string; name: string; admin: boolean }> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.name, u.name));
  if (taken) throw new HttpError(409, 'name-taken', `There is already a user named "${u.name}".`, 'Choose another name.');
  const id = newId();
  await db.insert(users).values({ id, name: u.name, passwordHash: await hashPassword(u.password), admin: u.admin ?? false });
  return { id, name: u.name, admin: u.admin ?? false };
}
