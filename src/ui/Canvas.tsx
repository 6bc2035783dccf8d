import { Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore as useFlowStore, type Connection, type Node, type OnSelectionChangeParams } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../core';
import { checkConnection, editorStore, registryFor, useEditor } from '../store';
import { BlockNode, type BlockNodeType } from './BlockNode';
import { openFile } from './files';
import { useAddBlock } from './useAddBlock';
import { useCanvasEdges } from './useCanvasEdges';
import { useCanvasNodes } from './useCanvasNodes';

/** Built once at module scope, as React Flow asks (error002). */
const nodeTypes = { block: BlockNode };

/** Below this zoom the canvas drops the small print. */
const FAR_ZOOM = 0.4;

/** The drag-and-drop type a palette entry carries. */
export const BLOCK_MIME = 'application/x-jimu-block';

const CATEGORY_COLOURS: Record<Category, string> = {
  data: '#2e86ab',
  preprocessing: '#57a773',
  input: '#f18f01',
  layer: '#6c5ce7',
  composite: '#4834d4',
  merge: '#a55eea',
  loss: '#c73e1d',
  optimizer: '#e17055',
  training: '#1f3a5f',
  evaluation: '#00897b',
};

function minimapColour(n: Node): string {
  const def = (n as BlockNodeType).data.def;
  return (def && CATEGORY_COLOURS[def.category]) ?? '#8a94a6';
}

function onConnect(c: Connection) {
  const s = editorStore.getState();
  if (!c.sourceHandle || !c.targetHandle) return;
  const link = { from: { block: c.source, port: c.sourceHandle }, to: { block: c.target, port: c.targetHandle } };
  const check = checkConnection(s.doc, link, registryFor(s.doc));
  if (!check.ok) {
    s.notify({ kind: 'refused', reason: check.reason });
    return;
  }
  s.edit({ type: 'connect', link, replace: check.replace });
  if (s.notice?.kind === 'refused') s.notify(null);
}

function onSelectionChange({ nodes, edges }: OnSelectionChangeParams) {
  editorStore.getState().select(
    nodes.map((n) => n.id),
    edges.map((e) => e.id),
  );
}

function onNodeDragStop(_e: unknown, _node: Node, dragged: Node[]) {
  const positions: Record<string, { x: number; y: number }> = {};
  for (const n of dragged) positions[n.id] = n.position;
  editorStore.getState().edit({ type: 'move', positions });
}

/** The pipeline canvas: blocks, links, minimap and zoom controls. */
export function Canvas() {
  const { t } = useTranslation();
  const [nodes, onNodesChange] = useCanvasNodes();
  const edges = useCanvasEdges();
  const addBlock = useAddBlock();
  const flow = useReactFlow();
  const fitRequest = useEditor((s) => s.fitRequest);
  const empty = useEditor((s) => s.doc.blocks.length === 0);
  // Zoomed far out, the small print (shapes on links and ports, costs) is unreadable anyway: hiding
  // it keeps panning a large pipeline smooth.
  const far = useFlowStore((s) => s.transform[2] < FAR_ZOOM);

  useEffect(() => {
    if (fitRequest === 0) return;
    const id = setTimeout(() => void flow.fitView({ padding: 0.15, maxZoom: 1.2 }), 60);
    return () => clearTimeout(id);
  }, [fitRequest, flow]);

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = e.dataTransfer.types.includes('Files') ? 'copy' : 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const type = e.dataTransfer.getData(BLOCK_MIME);
      if (type && registryFor(editorStore.getState().doc).has(type)) {
        const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        addBlock(type, { x: p.x - 100, y: p.y - 30 });
        return;
      }
      const file = e.dataTransfer.files[0];
      if (file) void openFile(file);
    },
    [flow, addBlock],
  );

  return (
    <div className={far ? 'canvas far' : 'canvas'} onDragOver={onDragOver} onDrop={onDrop} aria-label={t('canvas')} role="region">
      <ReactFlow<BlockNodeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onSelectionChange={onSelectionChange}
        onConnect={onConnect}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        minZoom={0.05}
        maxZoom={2.5}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
        onlyRenderVisibleElements={nodes.length > 150}
        defaultEdgeOptions={{ type: 'default' }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={3} />
        <Controls />
      </ReactFlow>
      {empty ? <p className="canvas-empty">{t('canvas_empty')}</p> : null}
    </div>
  );
}
