// Shared by the importer tests: await a promise that must reject with an ImportError.
import { ImportError } from '../../src/engine/errors';
import { rejection } from '../engine/rejection';

export const importError = (p: Promise<unknown>): Promise<ImportError> => rejection(p, ImportError);
