/** A string shown to users, in every language the interface speaks. */
export interface Text {
  en: string;
  zh: string;
}

export type Lang = keyof Text;

/** Replaces `{name}` placeholders with the given values. */
export function interpolate(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

/**
 * A value from the user, cut to at most `max` characters for a message: a megabyte-long type name
 * is named by its start and its length, never echoed whole.
 */
export function clip(value: string, max = 40): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length.toLocaleString('en')} characters)`;
}
