import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { REGISTRY } from '../../blocks';
import { addBlockEdit, editorStore, freeSpot, LAYOUT_BLOCK, wantedSpot, type Box, type XY } from '../store';

/** Approximate size of a new block before the canvas has measured it. */
const BLOCK_SIZE = { width: 210, height: 100 };

/**
 * Adds a block: at a point on the canvas (a drop), or to the right of the selection, or in the middle
 * of the view (a click or the keyboard); in each case at the nearest free place, so a new block never
 * hides another.
 */
export function useAddBlock() {
  const flow = useStoreApi();
  return useCallback(
    (type: string, at?: XY) => {
      const s = editorStore.getState();
      const { width, height, transform, nodeLookup } = flow.getState();
      // Every block's box: its measured size where the canvas has drawn it, the layout's guess otherwise.
      const boxes = new Map<string, Box>();
      for (const b of s.doc.blocks) {
        const p = s.doc.layout[b.id];
        if (!p) continue;
        const m = nodeLookup.get(b.id)?.measured;
        boxes.set(b.id, { ...p, width: m?.width ?? LAYOUT_BLOCK.width, height: m?.height ?? LAYOUT_BLOCK.height });
      }
      const [tx, ty, zoom] = transform;
      const centre = { x: ((width || 800) / 2 - tx) / zoom, y: ((height || 600) / 2 - ty) / zoom };
      const selected = s.selectedBlocks.flatMap((id) => (boxes.has(id) ? [boxes.get(id)!] : []));
      const wanted = at ?? wantedSpot(selected, centre, BLOCK_SIZE);
      const point = freeSpot({ x: Math.round(wanted.x), y: Math.round(wanted.y) }, BLOCK_SIZE, [...boxes.values()]);
      const edit = addBlockEdit(s.doc, type, point, REGISTRY.get(type)?.version);
      s.edit(edit);
      // Keep the new block in sight: pan (never zoom) just enough when it landed outside the view.
      if (width && height) {
        const margin = 20;
        const left = point.x * zoom + tx;
        const top = point.y * zoom + ty;
        const right = left + BLOCK_SIZE.width * zoom;
        const bottom = top + BLOCK_SIZE.height * zoom;
        const dx = right > width - margin ? width - margin - right : left < margin ? margin - left : 0;
        const dy = bottom > height - margin ? height - margin - bottom : top < margin ? margin - top : 0;
        if (dx || dy) void flow.getState().panBy({ x: dx, y: dy });
      }
      s.select([edit.id]);
      return edit.id;
    },
    [flow],
  );
}
