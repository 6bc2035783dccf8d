import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { columnValues, parseLabelTable, tableColumns, type LabelTableOptions } from './label-table';

const opts = (o: Partial<LabelTableOptions> = {}): LabelTableOptions => ({ idColumn: 'id', labelColumns: ['label'], source: 'labels.csv', ...o });

describe('parseLabelTable: reads', () => {
  it.each([
    {
      name: 'class names → one-hot, in the order of Classes',
      csv: 'id,label\na.png,glaucoma\nb.png,normal\nc.png,glaucoma\n',
      o: opts({ classes: ['normal', 'glaucoma'] }),
      ids: ['a.png', 'b.png', 'c.png'],
      labels: [0, 1, 1, 0, 0, 1],
      labelShape: [2],
      labelNames: ['normal', 'glaucoma'],
      task: 'multiclass',
    },
    {
      name: 'numbers → regression',
      csv: 'file,age\nx,61.5\ny,70\n',
      o: opts({ idColumn: 'file', labelColumns: ['age'] }),
      ids: ['x', 'y'],
      labels: [61.5, 70],
      labelShape: [1],
      labelNames: ['age'],
      task: 'regression',
    },
    {
      name: 'several 0/1 columns → multi-label',
      csv: 'id,N,D,G\n1,1,0,0\n2,0,1,1\n',
      o: opts({ labelColumns: ['D', 'G'] }),
      ids: ['1', '2'],
      labels: [0, 0, 1, 1],
      labelShape: [2],
      labelNames: ['D', 'G'],
      task: 'multilabel',
    },
    {
      name: 'semicolons, a BOM, quotes, blank lines, spaces and true/false',
      csv: '\uFEFFid ; A ; B\r\n"a;1" ; true ; no\r\n\r\n b ; 0 ; 1 \r\n',
      o: opts({ labelColumns: ['A', 'B'] }),
      ids: ['a;1', 'b'],
      labels: [1, 0, 0, 1],
      labelShape: [2],
      labelNames: ['A', 'B'],
      task: 'multilabel',
    },
    {
      name: 'two columns separated by semicolons or tabs, with a final newline',
      csv: 'id;label\na;63.5\nb;71\nc;"58"\n',
      o: opts(),
      ids: ['a', 'b', 'c'],
      labels: [63.5, 71, 58],
      labelShape: [1],
      labelNames: ['label'],
      task: 'regression',
    },
    {
      name: 'two tab-separated columns',
      csv: 'id\tlabel\r\na\t1\r\n\r\n',
      o: opts(),
      ids: ['a'],
      labels: [1],
      labelShape: [1],
      labelNames: ['label'],
      task: 'regression',
    },
    {
      name: 'column names match regardless of case when unambiguous',
      csv: 'ID,Label\na,1\n',
      o: opts(),
      ids: ['a'],
      labels: [1],
      labelShape: [1],
      labelNames: ['Label'],
      task: 'regression',
    },
  ])('$name', (c) => {
    const t = parseLabelTable(c.csv, c.o);
    expect(t.ids).toEqual(c.ids);
    expect(Array.from(t.labels)).toEqual(c.labels);
    expect(t).toMatchObject({ labelShape: c.labelShape, labelNames: c.labelNames, task: c.task });
    expect(t.groups).toEqual(c.ids);
  });

  it('reads the patient column as groups, and numbers rows as a spreadsheet does', () => {
    const t = parseLabelTable('id,patient,label\na,P1,0\n\nb,P1,1\nc,P2,1\n', opts({ groupColumn: 'patient' }));
    expect(t.groups).toEqual(['P1', 'P1', 'P2']);
    expect(t.rows).toEqual([2, 4, 5]);
  });
});

describe('parseLabelTable: refuses, naming row and column', () => {
  it.each([
    ['an unknown class', 'id,label\na,normal\nb,cataract\n', opts({ classes: ['normal', 'glaucoma'] }), /labels\.csv, row 3, column "label": "cataract" is not one of the classes \(normal, glaucoma\)/, /Add "cataract" to Classes/],
    ['a name in a number column', 'id,label\na,3\nb,old\n', opts(), /row 3, column "label": "old" is not a number/, /list them in Classes \(the table has: old\)/],
    ['a 2 in a 0/1 column', 'id,A,B\na,1,2\n', opts({ labelColumns: ['A', 'B'] }), /row 2, column "B": "2" is not 0 or 1/, /several label columns/],
    ['an empty label', 'id,label\na,\n', opts(), /row 2, column "label": the label is empty/, /Fill in every label/],
    ['an empty id', 'id,label\n,1\n', opts(), /row 2, column "id": the id is empty/, /name of its image/],
    ['a duplicate id', 'id,label\na,1\nb,2\na,3\n', opts(), /rows 2 and 4 both have the id "a"/, /appear once/],
    ['a missing column', 'file,label\na,1\n', opts(), /has no id column "id"/, /Its columns are: file, label/],
    ['a missing label column', 'id,label\na,1\n', opts({ labelColumns: ['age'] }), /has no label column "age"/, /file|id, label/],
    ['an empty patient', 'id,patient,label\na,,1\n', opts({ groupColumn: 'patient' }), /row 2, column "patient": the patient is empty/, /same side|one side/],
    ['two columns with one name', 'id,label,label\na,1,2\n', opts(), /two columns are both called "label"/, /its own name/],
    ['classes with several columns', 'id,A,B\na,1,0\n', opts({ labelColumns: ['A', 'B'], classes: ['x', 'y'] }), /Classes are given/, /leave Classes empty/],
    ['an empty file', '\n\n', opts(), /labels\.csv is empty/, /header row/],
    ['a header alone', 'id,label\n', opts(), /has a header but no rows/, /one row per image/],
    ['an unclosed quote', 'id,label\n"a,1\nb,2\n', opts(), /labels\.csv, row \d+:/, /quotes/],
  ])('%s', (_name, csv, o, message, hint) => {
    let error: unknown;
    try {
      parseLabelTable(csv, o);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(message);
    expect((error as DataError).hint).toMatch(hint);
  });
});

describe('table helpers', () => {
  it('lists the columns and the distinct values of one', () => {
    const csv = 'id,dx\na,b\nc,a\nd,b\n';
    expect(tableColumns(csv)).toEqual(['id', 'dx']);
    expect(columnValues(csv, 'dx')).toEqual(['a', 'b']);
  });
});
