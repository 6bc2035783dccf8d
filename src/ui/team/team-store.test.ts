import { describe, expect, it } from 'vitest';
import { applyEdit, emptyDocument } from '../../store/edits';
import { openText } from '../files';
import { editorStore } from '../../store';
import { forgetOrigin, hasUnsavedWork, rememberOrigin, useTeam } from './team-store';

describe('where the open document came from on the team server', () => {
  const empty = emptyDocument('Lesions');
  const withBlock = applyEdit(empty, { type: 'add-block', id: 'input', blockType: 'ImageInput', at: { x: 0, y: 0 }, params: { height: 32, width: 32, channels: 1 } });

  it('counts a canvas as unsaved when it differs from the version it came from, or holds blocks and came from none', () => {
    expect(hasUnsavedWork(empty, null)).toBe(false);
    expect(hasUnsavedWork(withBlock, null)).toBe(true);
    rememberOrigin('p1', 'Lesions', 3, withBlock);
    const origin = useTeam.getState().origin!;
    expect(origin).toMatchObject({ projectId: 'p1', name: 'Lesions', number: 3 });
    expect(hasUnsavedWork(withBlock, origin)).toBe(false);
    expect(hasUnsavedWork(empty, origin)).toBe(true);
    forgetOrigin();
    expect(useTeam.getState().origin).toBeNull();
  });

  it('forgets the server version when a file or template takes the canvas', () => {
    rememberOrigin('p1', 'Lesions', 3, withBlock);
    expect(openText(JSON.stringify(withBlock), 'other.pipeline.json')).toBe(true);
    expect(editorStore.getState().doc.blocks.map((b) => b.id)).toEqual(['input']);
    expect(useTeam.getState().origin).toBeNull();
  });
});
