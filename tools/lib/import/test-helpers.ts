// Shared by the importer tests: await a promise that must reject with an ImportError.
import { expect } from 'vitest';
import { ImportError } from '../../../src/engine/errors';

export async function importError(p: Promise<unknown>): Promise<ImportError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}
