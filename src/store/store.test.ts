import { describe, expect, it } from 'vitest';
import { commands, type ClipboardPort } from './commands';
import { createEditorStore } from './store';

function setup() {
  const store = createEditorStore();
  let clip: string | null = null;
  const clipboard: ClipboardPort = { write: (t) => void (clip = t), read: async () => clip };
  return { store, s: () => store.getState(), cmd: commands(store, clipboard) };
}

describe('the editor store', () => {
  it('undoes and redoes every edit', () => {
    const { s } = setup();
    s().edit({ type: 'add-block', id: 'a', blockType: 'Dense', at: { x: 0, y: 0 } });
    s().edit({ type: 'set-param', block: 'a', param: 'units', value: 4 });
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().doc.blocks[0]!.params).toEqual({});
    s().undo();
    expect(s().doc.blocks).toEqual([]);
    s().undo(); // nothing left: no change
    s().redo();
    s().redo();
    expect(s().doc.blocks[0]!.params).toEqual({ units: 4 });
  });

  it('forgets the redo branch after a new edit', () => {
    const { s } = setup();
    s().edit({ type: 'add-block', id: 'a', blockType: 'Dense', at: { x: 0, y: 0 } });
    s().undo();
    s().edit({ type: 'add-block', id: 'b', blockType: 'Dense', at: { x: 0, y: 0 } });
    expect(s().future).toEqual([]);
  });

  it('records a drag as one step', () => {
    const { s } = setup();
    s().edit({ type: 'add-block', id: 'a', blockType: 'Dense', at: { x: 0, y: 0 } });
    s().beginStep();
    for (let x = 1; x <= 20; x++) s().edit({ type: 'move', positions: { a: { x, y: 0 } } });
    s().endStep();
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().doc.layout.a).toEqual({ x: 0, y: 0 });
  });

  it('does not record selection or notices', () => {
    const { s } = setup();
    s().select(['x']);
    s().notify({ kind: 'info', key: 'saved' });
    expect(s().past).toEqual([]);
  });

  it('copies, pastes as one step, duplicates and deletes the selection', async () => {
    const { s, cmd } = setup();
    s().editAll([
      { type: 'add-block', id: 'flatten1', blockType: 'Flatten', at: { x: 0, y: 0 } },
      { type: 'add-block', id: 'dense1', blockType: 'Dense', at: { x: 200, y: 0 } },
      { type: 'connect', link: { from: { block: 'flatten1', port: 'out' }, to: { block: 'dense1', port: 'in' } } },
    ]);
    expect(s().past).toHaveLength(1);
    cmd.selectAll();
    expect(cmd.copy()).toBe(true);
    expect(await cmd.paste()).toBe(true);
    expect(s().doc.blocks).toHaveLength(4);
    expect(s().doc.links).toHaveLength(2);
    expect(s().selectedBlocks).toEqual(['flatten2', 'dense2']);
    expect(s().past).toHaveLength(2);
    cmd.duplicate();
    expect(s().doc.blocks).toHaveLength(6);
    cmd.deleteSelection();
    expect(s().doc.blocks).toHaveLength(4);
    s().undo();
    expect(s().doc.blocks).toHaveLength(6);
  });
});
