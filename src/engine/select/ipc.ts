// Converts between IPC_T (target size in stored-image units) and n, the samples kept per class
// (design.md §1): n = IPC_T · f², which must be an integer from 1 to IPC_F · f². So IPC_T may be
// fractional in steps of 1/f² (0.25 with f = 2 keeps one decoded patch per class).
import { checkPositiveInteger, ConfigError } from '../errors';

const EPS = 1e-9;

function checkFactor(factor: number, ipcF: number): void {
  checkPositiveInteger('factor', factor);
  checkPositiveInteger('IPC_F', ipcF);
}

export interface PerClassOptions {
  /**
   * Round IPC_T · f² to the nearest sample and clamp it into [1, IPC_F · f²] instead of refusing
   * a size that is not a step or above IPC_F (the app: a size from a URL or from another bundle
   * need not fit this one).
   */
  readonly clamp?: boolean;
}

/**
 * Samples per class for IPC_T; ConfigError naming the value and the allowed range otherwise (a
 * positive IPC_T that is off the steps or too large is brought in range instead with `clamp`).
 */
export function perClassFromIpc(
  ipcT: number,
  factor: number,
  ipcF: number,
  options: PerClassOptions = {},
): number {
  checkFactor(factor, ipcF);
  const f2 = factor * factor;
  const max = ipcF * f2;
  const range = `allowed: ${1 / f2} to ${ipcF} in steps of 1/${f2} (1 to ${max} samples per class)`;
  if (!Number.isFinite(ipcT) || ipcT <= 0)
    throw new ConfigError(`IPC_T ${ipcT} must be above zero; ${range}`);
  if (options.clamp) return Math.min(max, Math.max(1, Math.round(ipcT * f2)));
  if (ipcT > ipcF + EPS) throw new ConfigError(`IPC_T ${ipcT} is above IPC_F = ${ipcF}; ${range}`);
  const raw = ipcT * f2;
  const n = Math.round(raw);
  if (Math.abs(raw - n) > EPS * Math.max(1, raw)) {
    throw new ConfigError(`IPC_T ${ipcT} is not a multiple of 1/${f2}; ${range}`);
  }
  if (n < 1) throw new ConfigError(`IPC_T ${ipcT} keeps no sample; ${range}`);
  return Math.min(n, max);
}

/** IPC_T for n samples per class (n / f²). */
export function ipcFromPerClass(perClass: number, factor: number): number {
  checkPositiveInteger('factor', factor);
  checkPositiveInteger('samples per class', perClass);
  return perClass / (factor * factor);
}
