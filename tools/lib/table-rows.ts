// Row tokens of `yoco table`: a selection method with optional variants, e.g. `yoco`, `random`,
// `random+balanced`, `lbpe+imbalanced`, `el2n+easy+balanced`, and `full` (the whole condensed set).
import { UsageError } from './args';
import { METHODS, type MethodName, type Preference } from '../../src/engine/types';
import { METHOD_INFO } from '../../src/engine/select/methods';

export interface TableRowSpec {
  readonly token: string;
  readonly label: string;
  /** undefined for `full`. */
  readonly method?: MethodName;
  readonly prefer: Preference;
  readonly balanced: boolean;
}

export function parseRowToken(token: string): TableRowSpec {
  if (token === 'full') return { token, label: 'full condensed set', prefer: 'easy', balanced: true };
  const [name, ...variants] = token.split('+');
  if (!name || !(METHODS as readonly string[]).includes(name)) {
    throw new UsageError(`unknown method "${name}" in "${token}"; choose one of full, ${METHODS.join(', ')}`);
  }
  const method = name as MethodName;
  const info = METHOD_INFO[method];
  let prefer = info.prefer;
  let balanced = info.balanced;
  for (const v of variants) {
    if (info.fixed) throw new UsageError(`"${token}": ${method} is fixed (LBPE, easy, balanced); vary lbpe instead`);
    if (v === 'easy' || v === 'hard') prefer = v;
    else if (v === 'balanced') balanced = true;
    else if (v === 'imbalanced') balanced = false;
    else throw new UsageError(`unknown variant "+${v}" in "${token}" (use +easy, +hard, +balanced, +imbalanced)`);
  }
  const parts = [info.usesPreference ? prefer : undefined, balanced ? 'balanced' : 'imbalanced'].filter(Boolean);
  return { token, label: `${method} (${parts.join(', ')})`, method, prefer, balanced };
}

/** Population mean and standard deviation (numpy's default, as papers report). */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}
