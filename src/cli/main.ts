import { Command, CommanderError } from 'commander';
import type { Lang } from '../core';
import { listBlocks } from './blocks';
import { UserError } from './errors';
import { EVALUATE_HELP } from './evaluate-help';
import { validate } from './validate';

const lang = (v: string): Lang => {
  if (v !== 'en' && v !== 'zh') throw new UserError(`Unknown language "${v}".`, 'Use --lang en or --lang zh.');
  return v;
};

/** Runs the CLI; returns the exit code. Every failure is one clear message on stderr. */
export async function main(argv: string[], io = { out: (s: string) => console.log(s), err: (s: string) => console.error(s) }): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('jimu')
    .description('Jimu (积木): validate, train and inspect medical-imaging pipelines built from blocks.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('validate')
    .description('check a pipeline file; exit 1 when it has errors')
    .argument('<file>', 'a *.pipeline.json file')
    .option('--json', 'print diagnostics as JSON')
    .option('--lang <lang>', 'message language: en or zh', lang)
    .action(async (file: string, opts: { json?: boolean; lang?: Lang }) => {
      code = await validate(file, opts, io.out);
    });

  program
    .command('blocks')
    .description('list the block library')
    .option('--json', 'print as JSON')
    .option('--lang <lang>', 'language: en or zh', lang)
    .action((opts: { json?: boolean; lang?: Lang }) => {
      code = listBlocks(opts, io.out);
    });

  program
    .command('train')
    .description('train a pipeline; writes model.json + weights, history.json, metrics.json, manifest.json, and the test-set predictions/ and truth/ that `jimu evaluate` scores')
    .argument('<file>', 'a *.pipeline.json file')
    .requiredOption('--data <dir>', 'folder the data blocks read from (paths in the pipeline are relative to it)')
    .requiredOption('--out <dir>', 'folder to write the trained model and reports to')
    .option('--backend <name>', 'TensorFlow.js backend (default: the fastest that trains correctly here)')
    .option('--quiet', 'no progress bar')
    .option('--no-predictions', 'do not write predictions/ and truth/ for the test set (validation set without an Evaluate block)')
    .action(async (file: string, opts: { data: string; out: string; backend?: string; quiet?: boolean; predictions?: boolean }) => {
      // tfjs loads only for this command, so validate and blocks stay quick.
      const { train } = await import('./train');
      code = await train(file, opts, io);
    });

  program
    .command('inspect')
    .description('summarise a NIfTI or DICOM file, or every volume in a folder: shape, spacing, dtype, value range')
    .argument('<path>', 'a .nii/.nii.gz/DICOM file, or a folder (DICOM files are grouped into series)')
    .option('--json', 'print as JSON')
    .action(async (path: string, opts: { json?: boolean }) => {
      const { inspect } = await import('./inspect');
      code = await inspect(path, opts, io);
    });

  program
    .command('deid')
    .description('de-identify DICOM (PS3.15 Annex E Basic Profile) from IN to OUT, keeping the folder layout; prints the audit log')
    .argument('<in>', 'a DICOM file or a folder')
    .argument('<out>', 'where to write the de-identified copy')
    .option('--salt <secret>', 'maps UIDs and patient IDs the same way in every run that uses it (default: random)')
    .option('--accept-burned-in', 'include images whose Burned In Annotation is YES (check their pixels first)')
    .option('--json', 'print the audit log as JSON')
    .action(async (input: string, output: string, opts: { salt?: string; acceptBurnedIn?: boolean; json?: boolean }) => {
      const { deid } = await import('./deid');
      code = await deid(input, output, opts, io);
    });

  program
    .command('evaluate')
    .description("score predictions with a task's official challenge metrics (ODIR, PAC, BraTS, OpenKBP, autoPET)")
    .requiredOption('--task <task>', 'classification, regression, segmentation, dose or detection')
    .argument('<pred>', 'the predictions: a CSV, a NIfTI file or a folder')
    .argument('<truth>', 'the reference, laid out like PRED (for dose: a folder with dose.nii.gz and structure masks)')
    .option('--json', 'print one JSON object')
    .option('--threshold <p>', 'classification: probability above which a label counts as present (default 0.5)')
    .option('--regions <spec>', 'segmentation: auto, brats, brats2021, labels, or NAME=1+2+4,… (default auto)')
    .option('--connectivity <n>', "segmentation: surface neighbourhood for HD95, 1 to 3 (default 1, MedPy's)")
    .addHelpText('after', EVALUATE_HELP)
    .action(async (pred: string, truth: string, opts: { task: string; json?: boolean; threshold?: string; regions?: string; connectivity?: string }) => {
      const { evaluate } = await import('./evaluate');
      code = await evaluate(pred, truth, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UserError) {
      io.err(`jimu: ${e.message}${e.hint ? `\n  → ${e.hint}` : ''}`);
      return e.exitCode;
    }
    io.err(`jimu: unexpected error: ${e instanceof Error ? e.message : String(e)}\n  → Please report this, with the command and the pipeline file.`);
    return 3;
  }
}
