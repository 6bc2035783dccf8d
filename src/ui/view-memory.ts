import type { PipelineDocument } from '../core';
import type { Viewport } from './readable-view';

/**
 * The view the canvas had before a step that moved it (opening a composite, tidying up), keyed by the
 * document before that step: undoing the step brings the view back with the document.
 */
const views = new WeakMap<PipelineDocument, Viewport>();

export function rememberView(doc: PipelineDocument, view: Viewport): void {
  views.set(doc, view);
}

export function viewBefore(doc: PipelineDocument): Viewport | undefined {
  return views.get(doc);
}
