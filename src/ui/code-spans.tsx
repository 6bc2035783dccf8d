import { Fragment, type ReactNode } from 'react';

/**
 * A sentence whose `backticked` parts are commands or file names, shown as code: what a user types or
 * finds on disk stays as it is in every language, and reads as such.
 */
export function CodeSpans({ text }: { text: string }): ReactNode {
  return text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>));
}
