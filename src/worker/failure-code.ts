import type { DiagnosticCode } from '../core/diagnostics/catalogue';
import { CodedError, type CodedErrorData } from '../core/diagnostics/coded-error';
import { clip } from '../core/text';
import type { FailureCode } from './protocol';

/** A failed run: the catalogue code the user reads (in their language), its category, and English detail for logs. */
export interface Failure {
  code: FailureCode;
  error: CodedErrorData;
  detail: string;
}

/** The failure category (what the dashboard says to try) of each catalogue code. */
export function failureCategory(code: DiagnosticCode): FailureCode {
  if (code === 'J601') return 'out-of-memory';
  if (code === 'J602') return 'backend-unavailable';
  if (code === 'J609') return 'worker-crashed';
  if (code === 'J610' || code === 'J611' || code === 'J612') return 'protocol';
  if (code.startsWith('J7')) return 'data';
  return 'training-error';
}

/**
 * Whether an error thrown by something other than Jimu (tfjs, the wasm runtime, the browser) means
 * memory ran out. Jimu's own errors carry a code; only these foreign ones are told apart by their type
 * and, for tfjs's WebGL and WebGPU backends, which throw plain Errors, by their text.
 */
function outOfMemory(e: unknown, text: string): boolean {
  if (e instanceof RangeError) return true; // "Array buffer allocation failed", "Invalid typed array length"
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return /memory/i.test(text);
  return /out of memory|\boom\b|memory access out of bounds|allocat|exceeds? .*memory|texture size/i.test(text);
}

/** Anything thrown during a run, as a catalogue code with its arguments. */
export function codedErrorOf(e: unknown): CodedErrorData {
  if (e instanceof CodedError) return e.diagnostic;
  const text = e instanceof Error ? e.message : String(e);
  return { code: outOfMemory(e, text) ? 'J601' : 'J608', args: { detail: clip(text, 300) } };
}

/** Anything thrown during a run, as the failure the worker reports. */
export function failureOf(e: unknown): Failure {
  const error = codedErrorOf(e);
  const detail = e instanceof CodedError ? (e.hint ? `${e.message} ${e.hint}` : e.message) : e instanceof Error ? e.message : String(e);
  return { code: failureCategory(error.code), error, detail };
}

/** The worker itself stopped (an uncaught error event carries only its text): out of memory, or a crash. */
export function crashFailure(text: string): Failure {
  const error = codedErrorOf(new Error(text));
  const crash: CodedErrorData = error.code === 'J601' ? error : { code: 'J609', args: { detail: clip(text, 300) } };
  return { code: failureCategory(crash.code), error: crash, detail: text };
}
