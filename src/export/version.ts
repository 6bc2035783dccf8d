import { version } from '../../package.json';

/** Jimu's version, recorded in every export's plan.json (the CLI and the app read the same number). */
export const JIMU_VERSION: string = version;
