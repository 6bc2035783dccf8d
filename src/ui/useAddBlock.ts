import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { addBlockEdit, editorStore, type XY } from '../store';

/** Approximate size of a block on the canvas, to centre a new one on a point. */
const BLOCK_SIZE = { w: 200, h: 90 };

/**
 * Adds a block: at a point on the canvas (a drop), or near the middle of the view (a click or the
 * keyboard), stepping aside so several new blocks do not pile up.
 */
export function useAddBlock() {
  const flow = useStoreApi();
  return useCallback(
    (type: string, at?: XY) => {
      const s = editorStore.getState();
      let point = at;
      if (!point) {
        const { width, height, transform } = flow.getState();
        const [tx, ty, zoom] = transform;
        const n = s.doc.blocks.length % 6;
        point = { x: ((width || 800) / 2 - tx) / zoom - BLOCK_SIZE.w / 2 + n * 30, y: ((height || 600) / 2 - ty) / zoom - BLOCK_SIZE.h / 2 + n * 30 };
      }
      const edit = addBlockEdit(s.doc, type, point);
      s.edit(edit);
      s.select([edit.id]);
      return edit.id;
    },
    [flow],
  );
}
