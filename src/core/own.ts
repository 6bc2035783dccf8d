/**
 * `obj[key]` when `key` is the object's own property, else undefined. Every lookup where a string
 * from a document (a port, a parameter, a type name) indexes an object goes through this, so that
 * `toString`, `constructor` or `__proto__` find nothing instead of what Object.prototype holds.
 */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
