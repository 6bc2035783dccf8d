import Papa from 'papaparse';
import { bootstrapAuc, gapAgeSpearman, mae, nanMean, odirScore, pearson, rmse, rocAuc, spearman } from '../metrics';
import { UserError } from './errors';
import { readText } from './files';

interface Table {
  path: string;
  columns: string[];
  rows: Map<string, number[]>;
}

/** Reads a CSV whose first column is `id` and whose other columns are numbers. */
async function readTable(path: string, what: string): Promise<Table> {
  const parsed = Papa.parse<string[]>((await readText(path, what)).trim(), { skipEmptyLines: true });
  const [header, ...body] = parsed.data;
  if (!header || header[0]?.trim().toLowerCase() !== 'id') {
    throw new UserError(`${path}: the first column must be "id".`, 'Write a header row such as: id,normal,diabetes,glaucoma');
  }
  const columns = header.slice(1).map((c) => c.trim());
  if (!columns.length) throw new UserError(`${path}: no columns besides "id".`, 'Add one column per label (or a "value" column for regression).');
  const rows = new Map<string, number[]>();
  body.forEach((cells, r) => {
    const id = cells[0]?.trim() ?? '';
    if (rows.has(id)) throw new UserError(`${path}: the id "${id}" appears twice (row ${r + 2}).`, 'Give each case one row.');
    if (cells.length !== header.length) throw new UserError(`${path}: row ${r + 2} has ${cells.length} cells; the header has ${header.length}.`, 'Every row needs an id and one value per column; check for stray commas.');
    rows.set(
      id,
      cells.slice(1).map((cell, c) => {
        const v = Number(cell);
        if (cell.trim() === '' || !Number.isFinite(v)) throw new UserError(`${path}: row ${r + 2}, column "${columns[c]}" is "${cell}", not a number.`, 'Write probabilities or values as plain numbers, e.g. 0.83.');
        return v;
      }),
    );
  });
  if (!rows.size) throw new UserError(`${path}: the table has a header but no rows.`, 'Add one row per case under the header.');
  return { path, columns, rows };
}

/** Pairs the rows of both tables by id, in TRUTH's order; every id must be in both. */
function align(pred: Table, truth: Table, columns: string[]): { ids: string[]; pred: number[][]; truth: number[][] } {
  const list = (ids: string[]) => ids.slice(0, 5).map((id) => `"${id}"`).join(', ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');
  const missing = [...truth.rows.keys()].filter((id) => !pred.rows.has(id));
  if (missing.length) throw new UserError(`${missing.length} case(s) of ${truth.path} have no prediction in ${pred.path}: ${list(missing)}.`, 'Both files need the same ids in their "id" column.');
  const extra = [...pred.rows.keys()].filter((id) => !truth.rows.has(id));
  if (extra.length) throw new UserError(`${extra.length} prediction(s) in ${pred.path} have no case in ${truth.path}: ${list(extra)}.`, 'Both files need the same ids in their "id" column.');
  const pick = (t: Table, id: string) => columns.map((c) => t.rows.get(id)![t.columns.indexOf(c)]!);
  const ids = [...truth.rows.keys()];
  return { ids, pred: ids.map((id) => pick(pred, id)), truth: ids.map((id) => pick(truth, id)) };
}

function sameColumns(pred: Table, truth: Table): string[] {
  const missing = truth.columns.filter((c) => !pred.columns.includes(c));
  if (missing.length) throw new UserError(`${pred.path} lacks the column(s) ${missing.map((c) => `"${c}"`).join(', ')} of ${truth.path}.`, `Both files need the columns: id,${truth.columns.join(',')}`);
  return truth.columns;
}

/**
 * Multi-label classification, scored as the ODIR-5K challenge does: κ, micro-F1 and AUC on the flattened
 * patients × labels matrix at the threshold, their mean; and per-label AUC with a 95 % bootstrap interval.
 */
export async function evaluateClassification(predPath: string, truthPath: string, threshold: number) {
  const pred = await readTable(predPath, 'prediction table');
  const truth = await readTable(truthPath, 'truth table');
  const labels = sameColumns(pred, truth);
  const a = align(pred, truth, labels);
  for (const [r, row] of a.truth.entries()) {
    const bad = row.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) throw new UserError(`${truthPath}: case "${a.ids[r]}", label "${labels[bad]}" is ${row[bad]}; the truth must be 0 or 1.`, 'PRED holds probabilities, TRUTH holds 0/1: check the order of the two files.');
  }
  const column = (m: number[][], c: number) => m.map((row) => row[c]!);
  const auc = labels.map((_, c) => rocAuc(column(a.truth, c), column(a.pred, c)));
  const ci = labels.map((_, c) => bootstrapAuc(column(a.truth, c), column(a.pred, c), { seed: 42 }));
  const odir = odirScore(a.truth.flat(), a.pred.flat(), threshold);
  return {
    task: 'classification',
    n: a.ids.length,
    labels,
    auc_macro: nanMean(auc),
    auc: Object.fromEntries(labels.map((l, c) => [l, auc[c]])),
    auc_ci95: Object.fromEntries(labels.map((l, c) => [l, [ci[c]!.lower, ci[c]!.upper]])),
    kappa: odir.kappa,
    f1_micro: odir.f1_micro,
    auc_flat: odir.auc,
    odir_score: odir.odir_score,
    threshold,
  };
}

/** Regression (e.g. brain age): MAE, RMSE, Pearson r, and the PAC 2019 Spearman ρ between gap and age. */
export async function evaluateRegression(predPath: string, truthPath: string) {
  const pred = await readTable(predPath, 'prediction table');
  const truth = await readTable(truthPath, 'truth table');
  if (truth.columns.length !== 1 || pred.columns.length !== 1) {
    throw new UserError('Regression tables have two columns: id and the value.', `Found id,${truth.columns.join(',')} in ${truthPath} and id,${pred.columns.join(',')} in ${predPath}.`);
  }
  pred.columns = truth.columns;
  const a = align(pred, truth, truth.columns);
  const t = a.truth.map((r) => r[0]!);
  const p = a.pred.map((r) => r[0]!);
  return { task: 'regression', n: t.length, mae: mae(t, p), rmse: rmse(t, p), pearson_r: pearson(t, p), spearman_rho: spearman(t, p), spearman_gap_age: gapAgeSpearman(t, p) };
}
