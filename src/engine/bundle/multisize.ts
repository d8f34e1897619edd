// A multisize bundle (design.md §6): condensed so that each class's first k stored images are a
// condensed set of their own, for each k the builder's `condensation.params.prefixes` lists. The
// app offers "as condensed (prefix)" selection only for such bundles; validate.ts checks the list.
import { areNestedPrefixes } from '../condense/dm-types';
import type { Manifest } from './manifest';

/** The nested prefix sizes (stored images per class) a bundle was condensed for, or null. */
export function multisizePrefixes(manifest: Pick<Manifest, 'condensation'>): number[] | null {
  const p = manifest.condensation.params['prefixes'];
  return Array.isArray(p) && p.length > 0 ? (p as number[]) : null;
}

/** Why `prefixes` (condensation.params.prefixes) is not ascending integers below `ipc`, or null. */
export function prefixesProblem(prefixes: unknown, ipc: number): string | null {
  return prefixes === undefined || areNestedPrefixes(prefixes, ipc)
    ? null
    : `field "condensation.params.prefixes" must list ascending integers in [1, ${ipc - 1}] (stored images per class)`;
}
