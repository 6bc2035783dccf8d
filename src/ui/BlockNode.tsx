import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { localize, type BlockCost, type BlockDef, type BlockInstance, type Diagnostic, type PortSpec, type PortValue } from '../core';
import { compactBytes, compactNumber, describeValue } from './format';
import { useLang } from './useLang';

/** What the canvas knows about one block: its instance, declaration, compile results. */
export interface BlockNodeData extends Record<string, unknown> {
  block: BlockInstance;
  def: BlockDef | undefined;
  diagnostics: readonly Diagnostic[];
  cost: BlockCost | undefined;
  outputs: Readonly<Record<string, PortValue>> | undefined;
}

export type BlockNodeType = Node<BlockNodeData, 'block'>;

function PortRow({ name, spec, side, value }: { name: string; spec: PortSpec; side: 'in' | 'out'; value?: PortValue | undefined }) {
  const lang = useLang();
  const { t } = useTranslation();
  const label = spec.label?.[lang] ?? t(`port_${name}`, { defaultValue: name });
  const kind = t(`kind_${spec.kind}`);
  return (
    <div className={`port-row port-row-${side}`} data-port={name}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={name}
        className={`port port-${spec.kind}`}
        data-testid={`port-${side}-${name}`}
        title={t('port_title', { label: spec.optional ? t('port_optional', { label }) : label, kind })}
      />
      <span className="port-label">
        {spec.optional ? t('port_optional', { label }) : label}
      </span>
      {side === 'out' && value ? (
        <span className="port-value" title={describeValue(value)}>
          {describeValue(value, lang)}
        </span>
      ) : null}
    </div>
  );
}

/** Every block on the canvas, drawn from its declaration: one generic component. */
function BlockNodeView({ data, selected }: NodeProps<BlockNodeType>) {
  const lang = useLang();
  const { t } = useTranslation();
  const { block, def, diagnostics, cost, outputs } = data;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const first = errors[0] ?? warnings[0];
  const problem = first ? localize(first, lang) : null;
  const title = def ? def.label[lang] : block.type;
  const className = [
    'block-node',
    `cat-${def?.category ?? 'unknown'}`,
    errors.length ? 'has-error' : warnings.length ? 'has-warning' : '',
    selected ? 'selected' : '',
  ].join(' ');
  return (
    <div className={className} data-block={block.id} data-type={block.type} title={problem ? `${problem.message}\n→ ${problem.hint}` : def?.doc[lang]}>
      <div className="block-head">
        <span className="block-title">{block.name ?? title}</span>
        <span className="block-id">{block.name ? title : block.id}</span>
      </div>
      <div className="block-ports">
        <div className="block-inputs">
          {def && Object.entries(def.inputs).map(([name, spec]) => <PortRow key={name} name={name} spec={spec} side="in" />)}
        </div>
        <div className="block-outputs">
          {def && Object.entries(def.outputs).map(([name, spec]) => <PortRow key={name} name={name} spec={spec} side="out" value={outputs?.[name]} />)}
        </div>
      </div>
      {cost && (def?.lower || def?.expand) ? (
        <div className="block-cost">
          {t('params_count', { n: compactNumber(cost.params) })} · 
          {t('memory', { size: compactBytes(cost.activations * 4) })}
        </div>
      ) : null}
      {problem ? (
        <div className="block-problem" role="note">
          {problem.message}
        </div>
      ) : null}
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
