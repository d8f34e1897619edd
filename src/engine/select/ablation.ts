// The rows of the YOCO Table 2 ablation (SPEC §3): the two rules, LBPE ranking and balanced
// construction, switched on and off. Each row is a selection request for selectIndices.
import type { MethodName, Preference } from '../types';

export interface AblationRow {
  readonly id: string;
  readonly label: string;
  readonly method: MethodName;
  readonly prefer: Preference;
  readonly balanced: boolean;
}

export const ABLATION_ROWS: readonly AblationRow[] = [
  {
    id: 'random',
    label: 'Random (neither rule)',
    method: 'random',
    prefer: 'easy',
    balanced: false,
  },
  {
    id: 'random-balanced',
    label: 'Balanced only (random, balanced)',
    method: 'random',
    prefer: 'easy',
    balanced: true,
  },
  {
    id: 'lbpe',
    label: 'LBPE only (easy, imbalanced)',
    method: 'lbpe',
    prefer: 'easy',
    balanced: false,
  },
  {
    id: 'lbpe-balanced',
    label: 'LBPE + Balanced (YOCO)',
    method: 'lbpe',
    prefer: 'easy',
    balanced: true,
  },
];
