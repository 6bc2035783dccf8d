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
