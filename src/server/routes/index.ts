import type { RouteDef } from '../route';
import { ADMIN_ROUTES } from './admin';
import { AUDIT_ROUTES } from './audit';
import { AUTH_ROUTES } from './auth';
import { DATASET_ROUTES } from './datasets';
import { PIPELINE_ROUTES } from './pipelines';
import { PROJECT_ROUTES } from './projects';

/** Every route of the API, each declared once with the access it needs. */
export const ROUTES: RouteDef[] = [...AUTH_ROUTES, ...ADMIN_ROUTES, ...PROJECT_ROUTES, ...PIPELINE_ROUTES, ...DATASET_ROUTES, ...AUDIT_ROUTES];
