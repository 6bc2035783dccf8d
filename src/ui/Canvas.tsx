import { Background, Controls, getNodesBounds, MiniMap, ReactFlow, useReactFlow, useStore as useFlowStore, type AriaLabelConfig, type Connection, type Node, type OnSelectionChangeParams, type ProOptions } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../core';
import { checkConnection, editorStore, registryFor, useEditor } from '../store';
import { BlockNode, type BlockNodeType } from './BlockNode';
import { openFile } from './files';
import { FIT_MAX_ZOOM, readableViewport } from './readable-view';
import { viewBefore } from './view-memory';
import { useAddBlock } from './useAddBlock';
import { useCanvasEdges } from './useCanvasEdges';
import { useCanvasNodes } from './useCanvasNodes';

const PRO_OPTIONS: ProOptions = { hideAttribution: true };

/** Built once at module scope, as React Flow asks (error002). */
const nodeTypes = { block: BlockNode };

/** Below this zoom the canvas drops the small print. */
const FAR_ZOOM = 0.4;

const paneEqual = (a: { width: number; height: number } | null, b: { width: number; height: number } | null) => a?.width === b?.width && a?.height === b?.height;

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
  const { t, i18n } = useTranslation();
  // React Flow's own tooltips and screen-reader texts, in the interface language.
  const ariaLabels = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'controls.ariaLabel': t('flow_controls'),
      'controls.zoomIn.ariaLabel': t('flow_zoom_in'),
      'controls.zoomOut.ariaLabel': t('flow_zoom_out'),
      'controls.fitView.ariaLabel': t('flow_fit_view'),
      'controls.interactive.ariaLabel': t('flow_interactive'),
      'minimap.ariaLabel': t('flow_minimap'),
      'handle.ariaLabel': t('flow_handle'),
      'node.a11yDescription.default': t('flow_node'),
      'node.a11yDescription.keyboardDisabled': t('flow_node'),
      'edge.a11yDescription.default': t('flow_edge'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('flow_moved', { direction: t(`flow_dir_${direction}` as 'flow_dir_up'), x, y }),
    }),
    [t, i18n.language], // the texts change with the language
  );
  const [nodes, onNodesChange] = useCanvasNodes();
  const edges = useCanvasEdges();
  const addBlock = useAddBlock();
  const flow = useReactFlow();
  const fitRequest = useEditor((s) => s.fitRequest);
  const empty = useEditor((s) => s.doc.blocks.length === 0);
  // Zoomed far out, the small print (shapes on links and ports, costs) is unreadable anyway: hiding
  // it keeps panning a large pipeline smooth.
  const far = useFlowStore((s) => s.transform[2] < FAR_ZOOM);

  // A fit is asked for when the page opens and whenever a document is opened or tidied; it waits until
  // every block of the document is on the canvas where the document puts it, measured.
  const fitPending = useRef(true);
  useEffect(() => {
    fitPending.current = true;
  }, [fitRequest]);
  const pane = useFlowStore((s) => (s.width && s.height ? { width: s.width, height: s.height } : null), paneEqual);
  useEffect(() => {
    if (!fitPending.current || !pane) return;
    const doc = editorStore.getState().doc;
    if (nodes.length !== doc.blocks.length) return;
    if (nodes.length === 0) {
      fitPending.current = false;
      return;
    }
    const placed = nodes.every((n) => n.measured?.width && n.measured.height && (!doc.layout[n.id] || (doc.layout[n.id]!.x === n.position.x && doc.layout[n.id]!.y === n.position.y)));
    if (!placed) return;
    fitPending.current = false;
    const only = editorStore.getState().fitOnly;
    const shown = only ? nodes.filter((n) => only.includes(n.id)) : nodes;
    void flow.setViewport(readableViewport(getNodesBounds(shown.length ? shown : nodes), pane));
  }, [fitRequest, nodes, pane, flow]);

  // Undoing a step that moved the view (opening a composite, tidying up) brings that view back.
  useEffect(
    () =>
      editorStore.subscribe((s, prev) => {
        if (s.doc === prev.doc || s.future.length !== prev.future.length + 1) return;
        const view = viewBefore(s.doc);
        if (view) void flow.setViewport(view);
      }),
    [flow],
  );

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
        fitViewOptions={{ padding: 0.15, maxZoom: FIT_MAX_ZOOM }}
        onlyRenderVisibleElements={nodes.length > 150}
        defaultEdgeOptions={{ type: 'default' }}
        ariaLabelConfig={ariaLabels}
        // React Flow is credited in the README; its corner link would be the one English word on a Chinese canvas.
        proOptions={PRO_OPTIONS}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={3} />
        <Controls />
      </ReactFlow>
      {empty ? <p className="canvas-empty">{t('canvas_empty')}</p> : null}
    </div>
  );
}
