import Papa from 'papaparse';
import type { TaskKind } from '../core';
import { DataError, listSome } from './errors';

export interface LabelTableOptions {
  /** The column that names each example's image (a file name, with or without its extension). */
  idColumn: string;
  /** One column of class names or numbers, or several columns of 0/1 (one per label). */
  labelColumns: readonly string[];
  /**
   * For one column of class names: the classes, in the order of the one-hot label. Empty for one
   * column of numbers (regression) and for several 0/1 columns (multi-label).
   */
  classes?: readonly string[];
  /** A column naming the patient (or other group) of each row; empty: every row is its own group. */
  groupColumn?: string;
  /** The table's file name, for messages. */
  source?: string;
}

/** A parsed label table: one row per example, labels flat and example-major. */
export interface LabelTable {
  ids: string[];
  groups: string[];
  /** Spreadsheet row number of each example (the header is row 1), for messages. */
  rows: number[];
  labels: Float32Array;
  labelShape: number[];
  labelNames: string[];
  task: TaskKind;
}

interface Grid {
  header: string[];
  /** Data rows with their spreadsheet row numbers. */
  rows: { row: number; cells: string[] }[];
}

/**
 * Reads a CSV label table (comma, semicolon or tab separated; UTF-8, with or without a BOM):
 * - one label column and `classes` → one-hot labels over those classes, task 'multiclass';
 * - one label column of numbers, no classes → the number, label shape [1], task 'regression';
 * - several label columns of 0/1 → multi-hot labels, task 'multilabel'.
 * Throws a DataError naming the row and column of a bad value, a missing column or a duplicate id.
 */
export function parseLabelTable(text: string, options: LabelTableOptions): LabelTable {
  const source = options.source ?? 'the label table';
  const grid = readGrid(text, source);
  const column = (name: string, role: string) => findColumn(grid.header, name, role, source);
  const idCol = column(options.idColumn, 'id');
  const groupCol = options.groupColumn ? column(options.groupColumn, 'patient') : -1;
  if (options.labelColumns.length === 0) throw new DataError(`No label column is chosen for ${source}.`, `Name the label column(s); the columns are: ${grid.header.join(', ')}.`);
  const labelCols = options.labelColumns.map((name) => column(name, 'label'));
  const classes = options.classes ?? [];
  const kind: 'classes' | 'number' | 'multi' = labelCols.length > 1 ? 'multi' : classes.length > 0 ? 'classes' : 'number';
  if (kind === 'multi' && classes.length > 0) {
    throw new DataError(`Classes are given for ${source}, but there are ${labelCols.length} label columns.`, 'Classes are for one column of class names. With one 0/1 column per label, leave Classes empty.');
  }
  const width = kind === 'classes' ? classes.length : kind === 'multi' ? labelCols.length : 1;
  const labels = new Float32Array(grid.rows.length * width);
  const ids: string[] = [];
  const groups: string[] = [];
  const rows: number[] = [];
  const seen = new Map<string, number>();
  const at = (row: number, col: number) => `${source}, row ${row}, column "${grid.header[col]}"`;

  grid.rows.forEach(({ row, cells }, i) => {
    const cell = (col: number) => (cells[col] ?? '').trim();
    const id = cell(idCol);
    if (!id) throw new DataError(`${at(row, idCol)}: the id is empty.`, 'Every row needs the name of its image; fill it in or delete the row.');
    const before = seen.get(id);
    if (before !== undefined) throw new DataError(`${source}: rows ${before} and ${row} both have the id "${id}".`, 'Each image may appear once; delete or rename one of the rows.');
    seen.set(id, row);
    ids.push(id);
    rows.push(row);
    if (groupCol >= 0) {
      const g = cell(groupCol);
      if (!g) throw new DataError(`${at(row, groupCol)}: the patient is empty.`, 'Fill in the patient (or group) of every row, so a split can keep each patient on one side.');
      groups.push(g);
    } else groups.push(id);

    for (let k = 0; k < labelCols.length; k++) {
      const col = labelCols[k]!;
      const value = cell(col);
      if (!value) throw new DataError(`${at(row, col)}: the label is empty.`, 'Fill in every label, or delete the rows without one.');
      if (kind === 'classes') {
        const c = classes.indexOf(value);
        if (c < 0) throw new DataError(`${at(row, col)}: "${value}" is not one of the classes (${listSome([...classes], 10)}).`, `Add "${value}" to Classes, or correct the value in the table.`);
        labels[i * width + c] = 1;
      } else if (kind === 'multi') {
        const flag = zeroOne(value);
        if (flag === null) throw new DataError(`${at(row, col)}: "${value}" is not 0 or 1.`, 'With several label columns, each holds 1 when the label applies and 0 when it does not.');
        labels[i * width + k] = flag;
      } else {
        const v = Number(value);
        if (!Number.isFinite(v)) {
          const names = distinctValues(grid, col).filter((s) => !Number.isFinite(Number(s)));
          throw new DataError(
            `${at(row, col)}: "${value}" is not a number.`,
            `If this column holds class names, list them in Classes (the table has: ${listSome(names, 10)}); for regression, every value must be a number.`,
          );
        }
        labels[i] = v;
      }
    }
  });
  if (grid.rows.length === 0) throw new DataError(`${source} has a header but no rows.`, 'Add one row per image.');

  const labelNames = kind === 'classes' ? [...classes] : labelCols.map((c) => grid.header[c]!);
  const task: TaskKind = kind === 'classes' ? 'multiclass' : kind === 'multi' ? 'multilabel' : 'regression';
  return { ids, groups, rows, labels, labelShape: [width], labelNames, task };
}

/** The distinct values of one column, sorted: what the editor offers as classes. */
export function columnValues(text: string, column: string, source = 'the label table'): string[] {
  const grid = readGrid(text, source);
  return distinctValues(grid, findColumn(grid.header, column, 'label', source));
}

/** The header of a CSV table, trimmed. */
export function tableColumns(text: string, source = 'the label table'): string[] {
  return readGrid(text, source).header;
}

/** A CSV table as its header and its non-empty rows of trimmed cells (one per column). */
export function tableRows(text: string, source = 'the label table'): { header: string[]; rows: string[][] } {
  const grid = readGrid(text, source);
  return { header: grid.header, rows: grid.rows.map((r) => grid.header.map((_, i) => (r.cells[i] ?? '').trim())) };
}

function readGrid(text: string, source: string): Grid {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The delimiter is guessed from the header row alone: Papa's guess over the whole text averages the
  // fields per line, and a two-column table of fewer than 99 rows with a final newline averages below 2
  // (the empty last line has one field), so `id;age` tables were read as one column.
  const headerLine = clean.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const { delimiter } = Papa.parse<string[]>(headerLine, { preview: 1 }).meta;
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: false, delimiter });
  // A table of one column has no delimiter to detect (Papa then uses a comma): only quotes are fatal.
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new DataError(`${source}, row ${(fatal.row ?? 0) + 1}: ${fatal.message}.`, 'Check the quotes in that row; open the table in a spreadsheet and save it as CSV again.');
  }
  // Rows are numbered as a spreadsheet shows them: the header is row 1.
  const all = parsed.data.map((cells, i) => ({ row: i + 1, cells }));
  const nonEmpty = all.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const head = nonEmpty[0];
  if (!head) throw new DataError(`${source} is empty.`, 'A label table has a header row (the column names) and one row per image.');
  const header = head.cells.map((c) => c.trim());
  header.forEach((name, i) => {
    if (name && header.indexOf(name) !== i) throw new DataError(`${source}: two columns are both called "${name}".`, 'Give every column its own name in the header row.');
  });
  return { header, rows: nonEmpty.slice(1) };
}

function findColumn(header: readonly string[], name: string, role: string, source: string): number {
  const wanted = name.trim();
  let i = header.indexOf(wanted);
  if (i < 0) {
    const matches = header.flatMap((h, k) => (h.toLowerCase() === wanted.toLowerCase() ? [k] : []));
    if (matches.length === 1) i = matches[0]!;
  }
  if (i < 0) throw new DataError(`${source} has no ${role} column "${wanted}".`, `Its columns are: ${header.join(', ')}. Choose one of them.`);
  return i;
}

function distinctValues(grid: Grid, col: number): string[] {
  const values = new Set<string>();
  for (const r of grid.rows) {
    const v = (r.cells[col] ?? '').trim();
    if (v) values.add(v);
  }
  return [...values].sort();
}

function zeroOne(value: string): 0 | 1 | null {
  const v = value.toLowerCase();
  if (v === 'true' || v === 'yes') return 1;
  if (v === 'false' || v === 'no') return 0;
  const n = Number(v);
  return n === 0 || n === 1 ? n : null;
}
