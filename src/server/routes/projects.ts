import { and, asc, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../auth/secrets';
import type { Db } from '../db/connect';
import { memberships, projects, users } from '../db/schema';
import { isRole, ROLES } from '../permissions';
import { HttpError, route } from '../route';
import { Id, Ok, ProjectName, ProjectParams, Visibility } from './common';

const ProjectOut = z.object({ id: z.string(), name: z.string(), visibility: Visibility, role: z.enum(ROLES).nullable() });
const Member = z.object({ userId: z.string(), name: z.string(), role: z.enum(ROLES) });

export const PROJECT_ROUTES = [
  route({
    method: 'GET',
    url: '/api/projects',
    summary: 'The projects the signed-in user may read: their own, and every internal one.',
    access: 'user',
    response: z.array(ProjectOut),
    handler: async ({ db, user }) => {
      const rows = await db
        .select({ id: projects.id, name: projects.name, visibility: projects.visibility, role: memberships.role })
        .from(projects)
        .leftJoin(memberships, and(eq(memberships.projectId, projects.id), eq(memberships.userId, user!.id)))
        .where(and(eq(projects.deleted, false), user!.admin ? sql`true` : or(eq(projects.visibility, 'internal'), eq(memberships.userId, user!.id))))
        .orderBy(asc(projects.name));
      return rows.map((r) => ({ id: r.id, name: r.name, visibility: r.visibility === 'internal' ? ('internal' as const) : ('private' as const), role: isRole(r.role) ? r.role : null }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/projects',
    summary: 'Create a project; its creator is its owner.',
    access: 'user',
    body: z.object({ name: ProjectName, visibility: Visibility.default('private') }),
    response: ProjectOut,
    status: 201,
    handler: async ({ db, user, body, audit }) => {
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(projects).values({ id, name: body.name, visibility: body.visibility });
        await tx.insert(memberships).values({ projectId: id, userId: user!.id, role: 'owner' });
      });
      await audit('project.create', { projectId: id, target: body.name, detail: { visibility: body.visibility } });
      return { id, name: body.name, visibility: body.visibility, role: 'owner' as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId',
    summary: 'One project.',
    access: 'project:read',
    params: ProjectParams,
    response: ProjectOut,
    handler: async ({ project, role }) => ({ ...project!, role }),
  }),
  route({
    method: 'PATCH',
    url: '/api/projects/:projectId',
    summary: 'Rename a project or change its visibility.',
    access: 'project:manage',
    params: ProjectParams,
    body: z.object({ name: ProjectName.optional(), visibility: Visibility.optional() }),
    response: ProjectOut,
    handler: async ({ db, project, role, body, audit }) => {
      const [p] = await db.update(projects).set(body).where(eq(projects.id, project!.id)).returning();
      await audit(body.visibility && body.visibility !== project!.visibility ? 'project.visibility' : 'project.update', { target: p!.name, detail: { from: { name: project!.name, visibility: project!.visibility }, to: body } });
      return { id: p!.id, name: p!.name, visibility: p!.visibility === 'internal' ? ('internal' as const) : ('private' as const), role };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/projects/:projectId',
    summary: 'Delete a project (it disappears for everyone; the audit log keeps its history).',
    access: 'project:manage',
    params: ProjectParams,
    response: Ok,
    handler: async ({ db, project, audit }) => {
      await db.update(projects).set({ deleted: true }).where(eq(projects.id, project!.id));
      await audit('project.delete', { target: project!.name });
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/members',
    summary: 'The members of a project and their roles.',
    access: 'project:read',
    params: ProjectParams,
    response: z.array(Member),
    handler: async ({ db, project }) =>
      (await db.select({ userId: users.id, name: users.name, role: memberships.role }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.projectId, project!.id)).orderBy(asc(users.name)))
        .filter((m) => isRole(m.role))
        .map((m) => ({ userId: m.userId, name: m.name, role: m.role as (typeof ROLES)[number] })),
  }),
  route({
    method: 'PUT',
    url: '/api/projects/:projectId/members/:userName',
    summary: 'Add a member or change their role (exactly one role per member).',
    access: 'project:manage',
    params: z.object({ projectId: Id, userName: z.string().min(1).max(64) }),
    body: z.object({ role: z.enum(ROLES) }),
    response: Member,
    handler: async ({ db, project, params, body, user, audit }) => {
      const [u] = await db.select({ id: users.id, name: users.name, disabled: users.disabled }).from(users).where(eq(users.name, params.userName));
      if (!u || u.disabled) throw new HttpError(404, 'no-user', `There is no active user named "${params.userName}".`, 'An administrator creates users (`jimu users add NAME`).');
      const [before] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.projectId, project!.id), eq(memberships.userId, u.id)));
      if (u.id === user!.id && before?.role === 'owner' && body.role !== 'owner') await keepAnOwner(db, project!.id, u.id);
      await db.insert(memberships).values({ projectId: project!.id, userId: u.id, role: body.role }).onConflictDoUpdate({ target: [memberships.projectId, memberships.userId], set: { role: body.role } });
      await audit('member.role', { target: u.name, detail: { from: before?.role ?? null, to: body.role } });
      return { userId: u.id, name: u.name, role: body.role };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/projects/:projectId/members/:userName',
    summary: 'Remove a member.',
    access: 'project:manage',
    params: z.object({ projectId: Id, userName: z.string().min(1).max(64) }),
    response: Ok,
    handler: async ({ db, project, params, audit }) => {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.name, params.userName));
      const [m] = u ? await db.select().from(memberships).where(and(eq(memberships.projectId, project!.id), eq(memberships.userId, u.id))) : [];
      if (!u || !m) throw new HttpError(404, 'no-member', `"${params.userName}" is not a member of this project.`);
      if (m.role === 'owner') await keepAnOwner(db, project!.id, u.id);
      await db.delete(memberships).where(and(eq(memberships.projectId, project!.id), eq(memberships.userId, u.id)));
      await audit('member.remove', { target: params.userName, detail: { role: m.role } });
      return { ok: true as const };
    },
  }),
];

/** A project always keeps an owner: the last one cannot leave or step down. */
async function keepAnOwner(db: Db, projectId: string, leaving: string) {
  const owners = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.projectId, projectId), eq(memberships.role, 'owner')));
  if (owners.every((o) => o.userId === leaving)) throw new HttpError(409, 'last-owner', 'A project needs an owner: this is its last one.', 'Make another member an owner first.');
}
