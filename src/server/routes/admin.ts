import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { createUser } from '../users';
import { sessions, users } from '../db/schema';
import { HttpError, route } from '../route';
import { Id, Password, UserName } from './common';

const UserOut = z.object({ id: z.string(), name: z.string(), admin: z.boolean(), disabled: z.boolean() });

export const ADMIN_ROUTES = [
  route({
    method: 'GET',
    url: '/api/admin/users',
    summary: 'Every user of this server.',
    access: 'admin',
    response: z.array(UserOut),
    handler: async ({ db }) => (await db.select().from(users).orderBy(asc(users.name))).map((u) => ({ id: u.id, name: u.name, admin: u.admin, disabled: u.disabled })),
  }),
  route({
    method: 'POST',
    url: '/api/admin/users',
    summary: 'Create a user.',
    access: 'admin',
    body: z.object({ name: UserName, password: Password, admin: z.boolean().default(false) }),
    response: UserOut,
    status: 201,
    handler: async ({ db, body, audit }) => {
      const u = await createUser(db, body);
      await audit('user.create', { target: u.name, detail: { admin: body.admin } });
      return { ...u, disabled: false };
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/admin/users/:userId',
    summary: 'Disable or enable a user (a disabled user loses access at once), or change administrator rights.',
    access: 'admin',
    params: z.object({ userId: Id }),
    body: z.object({ disabled: z.boolean().optional(), admin: z.boolean().optional() }),
    response: UserOut,
    handler: async ({ db, params, body, user, audit }) => {
      if (params.userId === user!.id && (body.disabled || body.admin === false)) throw new HttpError(400, 'self', 'You cannot disable yourself or drop your own administrator rights.', 'Ask another administrator.');
      const [u] = await db.update(users).set(body).where(eq(users.id, params.userId)).returning();
      if (!u) throw new HttpError(404, 'no-user', 'There is no user with that id.');
      if (body.disabled) await db.update(sessions).set({ revoked: true }).where(eq(sessions.userId, u.id));
      await audit('user.update', { target: u.name, detail: body });
      return { id: u.id, name: u.name, admin: u.admin, disabled: u.disabled };
    },
  }),
];
