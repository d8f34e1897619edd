// Errors crossing the worker boundary: comlink keeps only name/message of an Error, so the worker
// sends a plain record and the client rebuilds the typed error (BundleError keeps file and problem).
// WorkerCrashError is the app side's own: the worker stopped (client.ts).
import {
  AbortedError,
  BackendError,
  BundleError,
  ConfigError,
  ImportError,
  SelectionError,
  YocoError,
  type BundleProblem,
  type ImportProblem,
} from '../engine/errors';

export interface SerializedError {
  readonly __yocoError: true;
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly file?: string;
  readonly problem?: string;
  readonly backend?: string;
  readonly stack?: string;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const extra = e as Error & {
      code?: unknown;
      file?: unknown;
      problem?: unknown;
      backend?: unknown;
    };
    const out: { -readonly [K in keyof SerializedError]: SerializedError[K] } = {
      __yocoError: true,
      name: e.name,
      message: e.message,
    };
    if (typeof extra.code === 'string') out.code = extra.code;
    if (typeof extra.file === 'string') out.file = extra.file;
    if (typeof extra.problem === 'string') out.problem = extra.problem;
    if (typeof extra.backend === 'string') out.backend = extra.backend;
    if (typeof e.stack === 'string') out.stack = e.stack;
    return out;
  }
  return { __yocoError: true, name: 'Error', message: typeof e === 'string' ? e : String(e) };
}

export function isSerializedError(v: unknown): v is SerializedError {
  return !!v && typeof v === 'object' && (v as { __yocoError?: unknown }).__yocoError === true;
}

function stripPrefix(message: string, prefix: string): string {
  return message.startsWith(`${prefix}: `) ? message.slice(prefix.length + 2) : message;
}

/** Rebuilds the typed engine error (same class, same message) from its serialized form. */
export function deserializeError(s: SerializedError): Error {
  let e: Error;
  switch (s.code) {
    case 'bundle':
      e = new BundleError(
        s.file ?? '?',
        (s.problem ?? 'manifest') as BundleProblem,
        stripPrefix(s.message, s.file ?? '?'),
      );
      break;
    case 'selection':
      e = new SelectionError(s.message);
      break;
    case 'config':
      e = new ConfigError(s.message);
      break;
    case 'backend':
      e = new BackendError(s.backend ?? '?', stripPrefix(s.message, s.backend ?? '?'));
      break;
    case 'import':
      e = new ImportError(
        s.file ?? '?',
        stripPrefix(s.message, s.file ?? '?'),
        (s.problem ?? 'format') as ImportProblem,
      );
      break;
    case 'aborted':
      e = new AbortedError(s.message);
      break;
    default:
      e = s.code ? new YocoError(s.code as YocoError['code'], s.message) : new Error(s.message);
      e.name = s.name;
  }
  if (s.stack) e.stack = s.stack;
  return e;
}

/** Whatever a worker call threw, as an Error on this side. */
export function toError(thrown: unknown): Error {
  if (isSerializedError(thrown)) return deserializeError(thrown);
  if (thrown instanceof Error) return thrown;
  return new Error(String(thrown));
}

/**
 * The engine worker stopped (crashed, killed, or silent past its liveness limit); the message says
 * so and whether a fresh worker took over.
 */
export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}
