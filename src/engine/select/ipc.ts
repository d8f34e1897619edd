// Converts between IPC_T (target size in stored-image units) and n, the samples kept per class
// (design.md §1): n = IPC_T · f², which must be an integer from 1 to IPC_F · f². So IPC_T may be
// fractional in steps of 1/f² (0.25 with f = 2 keeps one decoded patch per class).
import { ConfigError } from '../errors';

const EPS = 1e-9;

function checkFactor(factor: number, ipcF: number): void {
  if (!Number.isInteger(factor) || factor < 1)
    throw new ConfigError(`factor ${factor} must be a positive integer`);
  if (!Number.isInteger(ipcF) || ipcF < 1)
    throw new ConfigError(`IPC_F ${ipcF} must be a positive integer`);
}

/** Samples per class for IPC_T; ConfigError naming the value and the allowed range otherwise. */
export function perClassFromIpc(ipcT: number, factor: number, ipcF: number): number {
  checkFactor(factor, ipcF);
  const f2 = factor * factor;
  const max = ipcF * f2;
  const range = `allowed: ${1 / f2} to ${ipcF} in steps of 1/${f2} (1 to ${max} samples per class)`;
  if (!Number.isFinite(ipcT) || ipcT <= 0)
    throw new ConfigError(`IPC_T ${ipcT} must be above zero; ${range}`);
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
  if (!Number.isInteger(factor) || factor < 1)
    throw new ConfigError(`factor ${factor} must be a positive integer`);
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new ConfigError(`samples per class ${perClass} must be a positive integer`);
  }
  return perClass / (factor * factor);
}
