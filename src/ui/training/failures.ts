import type { ParseKeys } from 'i18next';
import type { FailureCode } from '../../worker/protocol';

/**
 * The failure catalogue: for each code, the locale keys of what happened and what to try. The user
 * reads these, never a stack trace; the worker's own words are shown below as the detail.
 */
export const FAILURES: Record<FailureCode, { what: ParseKeys; tryThis: ParseKeys }> = {
  'out-of-memory': { what: 'fail_oom', tryThis: 'fail_oom_try' },
  'backend-unavailable': { what: 'fail_backend', tryThis: 'fail_backend_try' },
  data: { what: 'fail_data', tryThis: 'fail_data_try' },
  'training-error': { what: 'fail_training', tryThis: 'fail_training_try' },
  'worker-crashed': { what: 'fail_crash', tryThis: 'fail_crash_try' },
  protocol: { what: 'fail_protocol', tryThis: 'fail_protocol_try' },
};
