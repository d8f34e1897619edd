// The selection methods the app offers: YOCO, the pruning baselines, and the rows of the YOCO
// Table 2 ablation. Each option maps to one engine SelectRequest (method, preference, balance).
import type { SelectRequest } from '../../src/engine/api';
import { METHOD_INFO } from '../../src/engine/select/methods';
import type { MethodName, Preference } from '../../src/engine/types';

export type MethodGroup = 'yoco' | 'baseline' | 'ablation';

export interface MethodOption {
  readonly id: string;
  readonly label: string;
  readonly group: MethodGroup;
  readonly method: MethodName;
  /** Undefined: the engine's default for the method. */
  readonly prefer?: Preference;
  readonly balanced?: boolean;
  readonly description: string;
}

export const METHOD_OPTIONS: readonly MethodOption[] = [
  {
    id: 'yoco',
    label: 'YOCO (LBPE easy, balanced)',
    group: 'yoco',
    method: 'yoco',
    prefer: 'easy',
    balanced: true,
    description: 'Keep the samples with the lowest LBPE score in every class.',
  },
  {
    id: 'random',
    label: 'Random',
    group: 'baseline',
    method: 'random',
    description: 'Seeded uniform choice.',
  },
  {
    id: 'el2n',
    label: 'EL2N',
    group: 'baseline',
    method: 'el2n',
    description: 'Error L2 norm over the first 10 epochs.',
  },
  {
    id: 'forgetting',
    label: 'Forgetting',
    group: 'baseline',
    method: 'forgetting',
    description: 'Correct → incorrect transitions during training.',
  },
  {
    id: 'aum',
    label: 'AUM',
    group: 'baseline',
    method: 'aum',
    description: 'Area under the margin.',
  },
  {
    id: 'entropy',
    label: 'Entropy',
    group: 'baseline',
    method: 'entropy',
    description: 'Prediction entropy of the final model.',
  },
  {
    id: 'loss',
    label: 'Loss',
    group: 'baseline',
    method: 'loss',
    description: 'Cross-entropy of the final model.',
  },
  {
    id: 'ccs',
    label: 'CCS',
    group: 'baseline',
    method: 'ccs',
    description: 'Coverage-centric: drop the hardest, stratify the rest.',
  },
  {
    id: 'kmeans',
    label: 'k-means (SSP)',
    group: 'baseline',
    method: 'kmeans',
    description: 'Sample nearest each k-means centroid of the features.',
  },
  {
    id: 'abl-random',
    label: 'Random (imbalanced)',
    group: 'ablation',
    method: 'random',
    balanced: false,
    description: 'Table 2 row 1: neither rule.',
  },
  {
    id: 'abl-random-balanced',
    label: 'Random, balanced',
    group: 'ablation',
    method: 'random',
    balanced: true,
    description: 'Table 2 row 2: balanced construction only.',
  },
  {
    id: 'abl-lbpe-imbalanced',
    label: 'LBPE easy, imbalanced',
    group: 'ablation',
    method: 'lbpe',
    prefer: 'easy',
    balanced: false,
    description: 'Table 2 row 3: LBPE score only.',
  },
  {
    id: 'abl-lbpe-balanced',
    label: 'LBPE easy, balanced',
    group: 'ablation',
    method: 'lbpe',
    prefer: 'easy',
    balanced: true,
    description: 'Table 2 row 4: both rules (equals YOCO).',
  },
  {
    id: 'abl-lbpe-hard-balanced',
    label: 'LBPE hard, balanced',
    group: 'ablation',
    method: 'lbpe',
    prefer: 'hard',
    balanced: true,
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
  const request: { -readonly [K in keyof SelectRequest]: SelectRequest[K] } = {
    method: option.method,
    perClass,
    seed,
  };
  if (option.prefer !== undefined) request.prefer = option.prefer;
  if (option.balanced !== undefined) request.balanced = option.balanced;
  return request;
}

/**
 * Label of a reference-table row token as `yoco table` writes it (`yoco`, `random+balanced`,
 * `lbpe+hard+balanced`, `full`): the option that makes the same request, else the token itself.
 */
export function referenceRowLabel(token: string): string {
  if (token === 'full') return 'Full condensed set';
  const [name, ...variants] = token.split('+');
  const info = METHOD_INFO[name as MethodName];
  if (!info) return token;
  let prefer = info.prefer;
  let balanced = info.balanced;
  for (const v of variants) {
    if (v === 'easy' || v === 'hard') prefer = v;
    else if (v === 'balanced' || v === 'imbalanced') balanced = v === 'balanced';
    else return token;
  }
  const match = METHOD_OPTIONS.find(
    (o) =>
      o.method === name &&
      (o.prefer ?? info.prefer) === prefer &&
      (o.balanced ?? info.balanced) === balanced,
  );
  return match?.label ?? token;
}
