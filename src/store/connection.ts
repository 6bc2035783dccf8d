import { compile, diagnostic, own, hasErrors, type Diagnostic, type Link, type PipelineDocument, type Registry } from '../core';
import { applyEdit, linkKey } from './edits';

export type ConnectionCheck = { ok: true; replace: boolean } | { ok: false; reason: Diagnostic };

function fingerprint(d: Diagnostic): string {
  return `${d.code}|${d.block ?? ''}|${d.port ?? ''}|${d.message}`;
}

/**
 * Whether a new link may be drawn, and if not, why — in the compiler's own words. A link is
 * refused when its kinds differ, when it closes a loop, or when it makes a shape that cannot fit;
 * a link into a single input that is taken replaces the old link.
 */
export function checkConnection(doc: PipelineDocument, link: Link, registry: Registry): ConnectionCheck {
  const fromDef = registry.get(doc.blocks.find((b) => b.id === link.from.block)?.type ?? '');
  const toDef = registry.get(doc.blocks.find((b) => b.id === link.to.block)?.type ?? '');
  if (link.from.block === link.to.block) {
    const label = toDef ? toDef.label : { en: link.to.block, zh: link.to.block };
    return { ok: false, reason: diagnostic('J206', { cycle: `${label.en} → ${label.en}` }, { block: link.to.block }) };
  }
  if (doc.links.some((l) => linkKey(l) === linkKey(link))) {
    return { ok: false, reason: diagnostic('J207', { from: `${link.from.block}.${link.from.port}`, to: `${link.to.block}.${link.to.port}` }, { block: link.to.block }) };
  }
  const multiple = own(toDef?.inputs, link.to.port)?.multiple === true;
  const replace = !multiple && doc.links.some((l) => l.to.block === link.to.block && l.to.port === link.to.port);
  if (!fromDef || !toDef) return { ok: true, replace };

  const before = new Set(compile(doc, registry).diagnostics.map(fingerprint));
  const next = applyEdit(doc, { type: 'connect', link, replace });
  const after = compile(next, registry).diagnostics.filter((d) => d.severity === 'error' && !before.has(fingerprint(d)));
  const index = next.links.findIndex((l) => linkKey(l) === linkKey(link));
  // What this link itself caused: a problem on the link, a loop, or a shape the target cannot take.
  const caused =
    after.find((d) => d.link === index) ??
    after.find((d) => d.code === 'J206') ??
    after.find((d) => d.block === link.to.block && d.code.startsWith('J3')) ??
    after.find((d) => d.block === link.to.block && d.code.startsWith('J4') && d.port === link.to.port);
  if (caused && hasErrors([caused])) return { ok: false, reason: caused };
  return { ok: true, replace };
}
