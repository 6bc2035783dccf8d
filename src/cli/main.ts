import { Command, CommanderError } from 'commander';
import type { Lang } from '../core';
import { listBlocks } from './blocks';
import type { TrainOptions } from './train';
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
    .option('--allow-outside-data', "let the pipeline's data paths leave --data (.., absolute paths, links out)")
    .option('--lazy <mode>', 'read the cases one at a time as training needs them: auto (when they would not fit the memory cache), on, or off', 'auto')
    .option('--cache-memory <MiB>', 'memory for prepared cases read on demand (default: a quarter of this machine\'s memory)')
    .option('--cache-dir <dir>', 'where prepared cases are kept between runs (default: DATA/.jimu-cache)')
    .option('--no-cache-dir', 'keep no prepared cases on disk')
    .action(async (file: string, opts: TrainOptions) => {
      // tfjs loads only for this command, so validate and blocks stay quick.
      const { train } = await import('./train');
      code = await train(file, opts, io);
    });

  program
    .command('export')
    .description('export a pipeline as a PyTorch project (plan.json, jimu_torch/, train.py) that trains it on GPUs with torchrun and writes a run folder Jimu reads back')
    .argument('<file>', 'a *.pipeline.json file')
    .requiredOption('--target <target>', 'pytorch')
    .requiredOption('--out <dir>', 'the folder to write (replaced as a whole)')
    .option('--with-data', 'write the synthetic sample source as a dataset folder (data/) inside the export')
    .option('--data <dir>', 'folder the data blocks read from, as for jimu train (default .)')
    .option('--data-type <type>', 'images in data/: float32 (exact) or int16 (scaled, smaller)', 'float32')
    .option('--lang <lang>', 'message language: en or zh', lang)
    .action(async (file: string, opts: { target: string; out: string; withData?: boolean; data?: string; dataType?: string; lang?: Lang }) => {
      const { exportPipeline } = await import('./export');
      code = await exportPipeline(file, opts, io);
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
    .description('de-identify DICOM (PS3.15 Annex E Basic Profile) from IN to OUT, keeping the folder structure with numbered names; prints the audit log')
    .argument('<in>', 'a DICOM file or a folder')
    .argument('<out>', 'where to write the de-identified copy: a new or empty folder (a new file when IN is a file), outside IN')
    .option('--salt <secret>', 'maps UIDs and patient IDs the same way in every run that uses it (default: random)')
    .option('--accept-burned-in', 'include images whose Burned In Annotation is YES (check their pixels first)')
    .option('--overwrite', 'replace what an earlier jimu deid wrote into OUT (never other files)')
    .option('--keep-names', 'keep the input file and folder names (they may hold names, IDs or dates)')
    .option('--json', 'print the audit log as JSON')
    .action(async (input: string, output: string, opts: { salt?: string; acceptBurnedIn?: boolean; json?: boolean; overwrite?: boolean; keepNames?: boolean }) => {
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

  program
    .command('serve')
    .description('start the team server (API and web app) on PostgreSQL: DATABASE_URL, or an embedded one in --data')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on (0.0.0.0 for the whole network; put HTTPS in front)', '127.0.0.1')
    .option('--data <dir>', 'folder for the embedded database and the stored files', 'jimu-server')
    .action(async (opts: { port: string; host: string; data: string }) => {
      const { serve } = await import('./serve');
      code = await serve(opts, io);
    });

  program
    .command('push')
    .description('upload a folder as the next version of a dataset on the team server; DICOM is de-identified first; re-run to resume')
    .argument('<dir>', 'the dataset folder')
    .requiredOption('--project <project>', 'the project (its name or id)')
    .requiredOption('--dataset <name>', 'the dataset name')
    .option('--server <url>', 'the team server, e.g. http://127.0.0.1:8080 (default: JIMU_SERVER, or the server of jimu login); the token comes from JIMU_TOKEN or jimu login')
    .option('--chunk-mib <n>', 'chunk size in MiB', '8')
    .option('--accept-burned-in', 'include images whose Burned In Annotation is YES (check their pixels first)')
    .action(async (dir: string, opts: { project: string; dataset: string; server?: string; chunkMib: string; acceptBurnedIn?: boolean }) => {
      const n = Number(opts.chunkMib);
      if (!(n > 0 && n <= 1024)) throw new UserError(`--chunk-mib ${opts.chunkMib} is not a size.`, 'Give a number of MiB above 0 and up to 1024, e.g. --chunk-mib 8.');
      const { push } = await import('./push');
      code = await push(dir, { project: opts.project, dataset: opts.dataset, ...(opts.server ? { server: opts.server } : {}), chunkBytes: Math.round(n * 2 ** 20), ...(opts.acceptBurnedIn ? { acceptBurnedIn: true } : {}) }, io);
    });

  program
    .command('login')
    .description('sign in to a team server once: keeps an expiring API token in your config folder (0600) for jimu push')
    .argument('<url>', 'the team server, e.g. http://127.0.0.1:8080')
    .option('--name <name>', 'your user name on the server (default: $USER)')
    .option('--password-file <file>', 'read the password from the first line of this file instead of asking')
    .option('--scope <scope>', 'read or write', 'write')
    .option('--days <n>', 'days the token stays valid, 1 to 365', '30')
    .action(async (url: string, opts: { name?: string; passwordFile?: string; scope: string; days: string }) => {
      const { login } = await import('./login');
      code = await login(url, opts, io);
    });

  program
    .command('logout')
    .description('revoke and forget the token jimu login stored for a team server')
    .argument('[url]', 'the team server (default: the only one stored)')
    .action(async (url: string | undefined) => {
      const { logout } = await import('./login');
      code = await logout(url, io);
    });

  program
    .command('users')
    .description('manage the team server’s users')
    .command('add')
    .description('create a user (use --admin for the first administrator); asks for the password')
    .argument('<name>', 'the user name')
    .option('--admin', 'an administrator of the whole server')
    .option('--password-file <file>', 'read the password from the first line of this file instead of asking')
    .option('--data <dir>', 'the server’s folder, as for jimu serve', 'jimu-server')
    .action(async (name: string, opts: { admin?: boolean; passwordFile?: string; data: string }) => {
      const { addUser } = await import('./serve');
      code = await addUser(name, opts, io);
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
    io.err(`jimu: unexpected error: ${e instanceof Error ? e.message : String(e)}\n  → Please report this, with the command you ran and the files it named.`);
    return 3;
  }
}
