// The selection methods the app offers: YOCO, the pruning baselines, and the rows of the YOCO
// Table 2 ablation. Each option is one engine Selection, spelled as a selection token
// (src/engine/select/selection.ts: `random+balanced`, `lbpe+hard+balanced`); its id is what URLs
// and saved runs name.
import type { SelectRequest } from '../../src/engine/api';
import { parseSelection, selectionToken, type Selection } from '../../src/engine/select/selection';

export type MethodGroup = 'yoco' | 'baseline' | 'ablation';

export interface MethodOption {
  readonly id: string;
  readonly label: string;
  readonly group: MethodGroup;
  readonly selection: Selection;
  readonly description: string;
}

export const METHOD_OPTIONS: readonly MethodOption[] = [
  {
    id: 'yoco',
    label: 'YOCO (LBPE easy, balanced)',
    group: 'yoco',
    selection: parseSelection('yoco'),
    description: 'Keep the samples with the lowest LBPE score in every class.',
  },
  {
    id: 'random',
    label: 'Random',
    group: 'baseline',
    selection: parseSelection('random'),
    description: 'Seeded uniform choice.',
  },
  {
    id: 'el2n',
    label: 'EL2N',
    group: 'baseline',
    selection: parseSelection('el2n'),
    description: 'Error L2 norm over the first 10 epochs.',
  },
  {
    id: 'forgetting',
    label: 'Forgetting',
    group: 'baseline',
    selection: parseSelection('forgetting'),
    description: 'Correct → incorrect transitions during training.',
  },
  {
    id: 'aum',
    label: 'AUM',
    group: 'baseline',
    selection: parseSelection('aum'),
    description: 'Area under the margin.',
  },
  {
    id: 'entropy',
    label: 'Entropy',
    group: 'baseline',
    selection: parseSelection('entropy'),
    description: 'Prediction entropy of the final model.',
  },
  {
    id: 'loss',
    label: 'Loss',
    group: 'baseline',
    selection: parseSelection('loss'),
    description: 'Cross-entropy of the final model.',
  },
  {
    id: 'ccs',
    label: 'CCS',
    group: 'baseline',
    selection: parseSelection('ccs'),
    description: 'Coverage-centric: drop the hardest, stratify the rest.',
  },
  {
    id: 'kmeans',
    label: 'k-means (SSP)',
    group: 'baseline',
    selection: parseSelection('kmeans'),
    description: 'Sample nearest each k-means centroid of the features.',
  },
  {
    id: 'abl-random',
    label: 'Random (imbalanced)',
    group: 'ablation',
    selection: parseSelection('random+imbalanced'),
    description: 'Table 2 row 1: neither rule.',
  },
  {
    id: 'abl-random-balanced',
    label: 'Random, balanced',
    group: 'ablation',
    selection: parseSelection('random+balanced'),
    description: 'Table 2 row 2: balanced construction only.',
  },
  {
    id: 'abl-lbpe-imbalanced',
    label: 'LBPE easy, imbalanced',
    group: 'ablation',
    selection: parseSelection('lbpe+easy+imbalanced'),
    description: 'Table 2 row 3: LBPE score only.',
  },
  {
    id: 'abl-lbpe-balanced',
    label: 'LBPE easy, balanced',
    group: 'ablation',
    selection: parseSelection('lbpe+easy+balanced'),
    description: 'Table 2 row 4: both rules (equals YOCO).',
  },
  {
    id: 'abl-lbpe-hard-balanced',
    label: 'LBPE hard, balanced',
    group: 'ablation',
    selection: parseSelection('lbpe+hard+balanced'),
    description:
      'Rule 1 reversed (as in YOCO Table 4): keep the highest LBPE in every class. The best row on the shipped RDED-style bundle, whose easiest samples are near-duplicates.',
  },
];

export const DEFAULT_METHOD_ID = 'yoco';

export const GROUP_LABELS: Record<MethodGroup, string> = {
  yoco: 'YOCO',
  baseline: 'Baselines',
  ablation: 'Ablation (YOCO Tables 2 and 4)',
};

export function methodOption(id: string): MethodOption | undefined {
  return METHOD_OPTIONS.find((o) => o.id === id);
}

export function methodLabel(id: string): string {
  return methodOption(id)?.label ?? id;
}

/** The engine request for a method option, `perClass` samples per class and a seed. */
export function selectRequestFor(id: string, perClass: number, seed: number): SelectRequest {
  const option = methodOption(id);
  if (!option) throw new Error(`unknown method "${id}"`);
  return { ...option.selection, perClass, seed };
}

/**
 * What a selection keeps, as one string: two options with the same key keep the same samples.
 * `yoco` is LBPE, easy, balanced (design.md §3), so it shares its key with that ablation row.
 */
export function selectionKey(s: Selection): string {
  return selectionToken(
    s.method === 'yoco' ? { method: 'lbpe', prefer: 'easy', balanced: true } : s,
  );
}

/**
 * One option per distinct selection, in menu order (the first of equal ones): YOCO but not
 * "LBPE easy, balanced", "Random" but not "Random (imbalanced)". For lists where a method
 * picked twice would only train the same samples twice, such as Compare's.
 */
export const DISTINCT_METHOD_OPTIONS: readonly MethodOption[] = METHOD_OPTIONS.filter(
  (o, i) =>
    METHOD_OPTIONS.findIndex((p) => selectionKey(p.selection) === selectionKey(o.selection)) === i,
);

/** The option that makes the same selection as a reference-table row token, if any. */
export function methodForToken(token: string): MethodOption | undefined {
  let key: string;
  try {
    key = selectionToken(parseSelection(token));
  } catch {
    return undefined;
  }
  return METHOD_OPTIONS.find((o) => selectionToken(o.selection) === key);
}

/**
 * Label of a reference-table row token as `yoco table` writes it (`yoco`, `random+balanced`,
 * `lbpe+hard+balanced`, `full`): the option that makes the same selection, else the token itself.
 */
export function referenceRowLabel(token: string): string {
  if (token === 'full') return 'Full condensed set';
  return methodForToken(token)?.label ?? token;
}
