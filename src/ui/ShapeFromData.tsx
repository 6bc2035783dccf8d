import { useTranslation } from 'react-i18next';
import { compiledFor, editorStore, shapeOffer, useEditor } from '../store';

/**
 * Under an Image Input or Volume Input whose size differs from the training data's: says both sizes and
 * sets the block to the data's in one step (one undo).
 */
export function ShapeFromData({ id }: { id: string }) {
  const { t } = useTranslation();
  const doc = useEditor((s) => s.doc);
  const offer = shapeOffer(doc, compiledFor(doc), id);
  if (!offer) return null;
  const take = () => {
    const s = editorStore.getState();
    s.edit({ type: 'replace', document: { ...s.doc, blocks: s.doc.blocks.map((b) => (b.id === id ? { ...b, params: { ...b.params, ...offer.params } } : b)) } });
  };
  return (
    <div className="shape-offer" data-testid="shape-offer">
      <p>{t('shape_offer', { data: offer.data.join(' × '), block: offer.block.map((v) => (Number.isFinite(v) ? v : '?')).join(' × ') })}</p>
      <button type="button" onClick={take}>
        {t('shape_take')}
      </button>
    </div>
  );
}
