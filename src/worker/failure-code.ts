import type { FailureCode } from './protocol';

/** Sorts an error's text into the failure catalogue's codes (the UI then says what to try). */
export function failureCode(detail: string): FailureCode {
  if (/out of memory|\boom\b|allocat|memory access out of bounds|array buffer allocation|exceeds? .*memory|texture size/i.test(detail)) return 'out-of-memory';
  if (/backend .*not available|backend did not start|cannot train this model here/i.test(detail)) return 'backend-unavailable';
  if (/images have shape|labels have shape|data holds|has no examples/i.test(detail)) return 'data';
  return 'training-error';
}
