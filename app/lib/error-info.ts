// Turns any thrown value into what the error panel shows: a title, the message, for bundle
// errors the file at fault and the kind of problem, and for a refused bundle its foreign origin.
import type { BundleProblem } from '../../src/engine/errors';
import type { ErrorInfo } from '../store/types';

// Typed by BundleProblem so every problem the engine can report has its words here.
const PROBLEM_TEXT: Record<BundleProblem, string> = {
  missing: 'file missing or unreadable',
  json: 'not valid JSON',
  manifest: 'manifest field invalid',
  version: 'unsupported format version',
  size: 'wrong byte size',
  digest: 'SHA-256 digest mismatch',
  shape: 'wrong shape',
  label: 'label out of range or out of order',
  'score-count': 'wrong number of scores',
  'score-value': 'score not a finite number',
  'pixel-value': 'pixel not a finite number',
  'pixel-range': 'pixel beyond ±64 (pixel/255 units)',
};

export function problemText(problem: string): string {
  return (PROBLEM_TEXT as Record<string, string | undefined>)[problem] ?? problem;
}

export function errorInfo(e: unknown, title: string): ErrorInfo {
  const err = e as {
    message?: unknown;
    file?: unknown;
    problem?: unknown;
    origin?: unknown;
  } | null;
  const message = typeof err?.message === 'string' && err.message !== '' ? err.message : String(e);
  const info: { -readonly [K in keyof ErrorInfo]: ErrorInfo[K] } = { title, message };
  if (typeof err?.file === 'string') info.file = err.file;
  if (typeof err?.problem === 'string') info.problem = err.problem;
  if (typeof err?.origin === 'string') info.origin = err.origin;
  return info;
}

/** An error's message for use inside a sentence (no trailing full stop). */
export function briefError(e: unknown): string {
  return errorInfo(e, '').message.replace(/\.+$/, '');
}

// The engine decides what a backend failure is (it falls back on one); re-exported for the app.
export { isBackendFailure } from '../../src/engine/errors';
