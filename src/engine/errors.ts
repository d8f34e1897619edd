// Typed errors of the engine. Every failure a user can cause has its own class and a message
// that names what is wrong (and, for bundle files, which file); and the small helpers every
// module shares to make and read them (a positive-integer check, a thrown value's message).

export type YocoErrorCode = 'bundle' | 'selection' | 'config' | 'aborted' | 'backend' | 'import';

export class YocoError extends Error {
  constructor(
    readonly code: YocoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'YocoError';
  }
}

/** What went wrong with a bundle file. */
export type BundleProblem =
  | 'missing'
  | 'json'
  | 'manifest'
  | 'version'
  | 'size'
  | 'digest'
  | 'shape'
  | 'label'
  | 'score-count'
  | 'score-value'
  | 'pixel-value'
  | 'pixel-range';

export class BundleError extends YocoError {
  constructor(
    readonly file: string,
    readonly problem: BundleProblem,
    detail: string,
  ) {
    super('bundle', `${file}: ${detail}`);
    this.name = 'BundleError';
  }
}

export class SelectionError extends YocoError {
  constructor(message: string) {
    super('selection', message);
    this.name = 'SelectionError';
  }
}

export class ConfigError extends YocoError {
  constructor(message: string) {
    super('config', message);
    this.name = 'ConfigError';
  }
}

export class BackendError extends YocoError {
  constructor(
    readonly backend: string,
    message: string,
  ) {
    super('backend', `${backend}: ${message}`);
    this.name = 'BackendError';
  }
}

/**
 * What went wrong with an imported file: a dataset file, or a condensed set from another tool
 * (src/engine/import/). 'global' is a pickle naming a Python callable outside the whitelist;
 * 'limit' a declared size, count or depth beyond the reader's bounds.
 */
export type ImportProblem =
  | 'format'
  | 'truncated'
  | 'magic'
  | 'global'
  | 'limit'
  | 'unsupported'
  | 'layout'
  | 'labels'
  | 'pixels'
  | 'whitened'
  | 'mismatch';

export class ImportError extends YocoError {
  constructor(
    readonly file: string,
    detail: string,
    readonly problem: ImportProblem = 'format',
  ) {
    super('import', `${file}: ${detail}`);
    this.name = 'ImportError';
  }
}

/** Thrown when an AbortSignal fires; training stops between steps. */
export class AbortedError extends YocoError {
  constructor(message = 'aborted') {
    super('aborted', message);
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortedError();
}

/**
 * True for failures of the compute backend (a BackendError, or anything thrown that is not one of
 * the engine's own errors: tfjs and the GPU throw plain Errors), not of the input or a cancel.
 */
export function isBackendFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'backend') return true;
  if (typeof code === 'string') return false; // bundle, selection, config, import, aborted
  return e instanceof Error || typeof e === 'string';
}

/**
 * `value` when it is a positive integer; else throws an `ErrorClass` (default: ConfigError) with the
 * message "<name> must be a positive integer, got <value>". The one form of this check.
 */
export function checkPositiveInteger(
  name: string,
  value: number,
  ErrorClass: new (message: string) => YocoError = ConfigError,
): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ErrorClass(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** A thrown value's message (an Error's message, anything else as a string). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
