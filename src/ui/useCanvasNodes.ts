import { applyNodeChanges, type OnNodesChange } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { own, type Diagnostic, type PortValue } from '../core';
import { compiledFor, diagnosticsByBlock, editorStore, registryFor, useEditor } from '../store';
import type { BlockNodeData, BlockNodeType } from './BlockNode';
import { describeValue } from './format';

const NO_DIAGNOSTICS: Diagnostic[] = [];

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a === b || (a.length === b.length && a.every((d, i) => d.code === b[i]!.code && d.message === b[i]!.message && d.severity === b[i]!.severity));
}

function sameOutputs(a: BlockNodeData['outputs'], b: BlockNodeData['outputs']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => describeValue(a[k] as PortValue) === describeValue(b[k] as PortValue));
}

/** True when a node would draw the same: then the old object is kept and React skips it. */
function sameData(a: BlockNodeData, b: BlockNodeData): boolean {
  return (
    a.block === b.block &&
    a.def === b.def &&
    sameDiagnostics(a.diagnostics, b.diagnostics) &&
    a.cost?.params === b.cost?.params &&
    a.cost?.activations === b.cost?.activations &&
    sameOutputs(a.outputs, b.outputs)
  );
}

/**
 * The canvas nodes: derived from the document and its compile result, held locally so React Flow
 * can measure and drag them between edits; a drag writes back to the document when it ends.
 */
export function useCanvasNodes(): [BlockNodeType[], OnNodesChange<BlockNodeType>] {
  const blocks = useEditor((s) => s.doc.blocks);
  const links = useEditor((s) => s.doc.links);
  const layout = useEditor((s) => s.doc.layout);
  const selected = useEditor((s) => s.selectedBlocks);
  const [nodes, setNodes] = useState<BlockNodeType[]>([]);
  const { t } = useTranslation();
  // React Flow tells screen readers "node"; say "block" in the interface's language.
  const role = t('flow_node_role');

  useEffect(() => {
    const compiled = compiledFor(editorStore.getState().doc);
    const diags = diagnosticsByBlock(compiled);
    const chosen = new Set(selected);
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return blocks.map((block, i) => {
        const p = old.get(block.id);
        const data: BlockNodeData = {
          block,
          def: registryFor(editorStore.getState().doc).get(block.type),
          diagnostics: diags.get(block.id) ?? NO_DIAGNOSTICS,
          cost: compiled.cost.blocks[block.id],
          outputs: own(compiled.outputs, block.id),
        };
        const position = own(layout, block.id) ?? { x: (i % 10) * 240, y: Math.floor(i / 10) * 160 };
        const isSelected = chosen.has(block.id);
        if (p && sameData(p.data, data) && p.position.x === position.x && p.position.y === position.y && !!p.selected === isSelected && p.domAttributes?.['aria-roledescription'] === role) return p;
        return {
          id: block.id,
          type: 'block',
          position,
          data: p && sameData(p.data, data) ? p.data : data,
          selected: isSelected,
          domAttributes: { 'aria-roledescription': role },
          ...(p?.measured ? { measured: p.measured } : {}),
          ...(p?.width !== undefined ? { width: p.width } : {}),
          ...(p?.height !== undefined ? { height: p.height } : {}),
        };
      });
    });
    // `links` is a dependency because the compile result (shapes, problems) follows the links.
  }, [blocks, links, layout, selected, role]);

  const onNodesChange = useCallback<OnNodesChange<BlockNodeType>>((changes) => setNodes((nds) => applyNodeChanges(changes, nds)), []);
  return [nodes, onNodesChange];
}

