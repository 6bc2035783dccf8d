/**
 * Who may do what in a project. Exactly one role per member; each role includes the one before it.
 * Every route names one permission (or none, for the few open routes); `allows` is the only place
 * that decides, and the role-matrix test walks every route against every role.
 */
export const ROLES = ['viewer', 'annotator', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read the project, its pipelines, runs and datasets; download; run published models. */
  'project:read': 'viewer',
  /** Edit one's own annotations. */
  'annotation:edit-own': 'annotator',
  /** Save pipeline versions, upload data, start runs, register model versions. */
  'project:write': 'editor',
  /** Manage members, change visibility, publish, delete; read the project's audit log. */
  'project:manage': 'owner',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/**
 * Whether a member with `role` (null: not a member) may use `permission` in a project of `visibility`.
 * Any signed-in user reads an internal project as a viewer would; administrators may do anything.
 */
export function allows(permission: Permission, who: { role: Role | null; admin: boolean; visibility: 'private' | 'internal' }): boolean {
  if (who.admin) return true;
  const need = ROLES.indexOf(PERMISSIONS[permission]);
  const effective = who.role ?? (who.visibility === 'internal' ? 'viewer' : null);
  if (effective === null) return false;
  return ROLES.indexOf(effective) >= need;
}
