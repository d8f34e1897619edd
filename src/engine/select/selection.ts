// What to select (design.md §2–3), in one vocabulary: a Selection is a method with its two choices,
// `prefer` (easy | hard) and `balanced`, always resolved. A token spells one: the method's name,
// then variants that override its defaults, `+easy`, `+hard`, `+balanced`, `+imbalanced`
// (`yoco`, `random+balanced`, `lbpe+hard+balanced`). `parseSelection` reads a token (the CLI's
// --method and table rows, the app's method menu, reference-table labels); `selectionToken`
// writes the shortest one, so two selections are the same exactly when their tokens are.
//
// Defaults, and why:
// - yoco: LBPE, prefer easy, balanced: YOCO's two rules. It is fixed: variants are an error, and
//   a Selection that says otherwise is read as yoco. 'lbpe' is the same score with both choices
//   configurable (default easy + balanced).
// - el2n, forgetting, aum, entropy, loss: prefer HARD, imbalanced, i.e. as in the papers they come
//   from (they keep the hard samples and rank globally). The YOCO paper compares them this way at
//   the same IPC_T, i.e. the same total budget n · classes: its Table 1 numbers for these
//   baselines equal the un-reversed rows of Table 4 and the non-balanced rows of Table 5
//   (Tables 4 and 5 are the experiments that flip those choices). 'loss' is not in the paper and
//   follows entropy. AUM's order is reversed where it is ranked (low AUM = hard).
// - prefix: the bundle's stored order, each class's first n samples (a multisize bundle's nested
//   condensed sets); fixed, like yoco.
// - random, kmeans (SSP), ccs: imbalanced (YOCO's random baseline and SSP in Table 1 equal their
//   non-balanced Table 5 rows; CCS ranks globally). A preference does not apply to them: it is
//   ignored, and a Selection of theirs always says 'easy'.
import { SelectionError } from '../errors';
import { METHODS, type MethodName, type Preference } from '../types';

export interface Selection {
  readonly method: MethodName;
  readonly prefer: Preference;
  readonly balanced: boolean;
}

interface MethodDefaults {
  readonly prefer: Preference;
  readonly balanced: boolean;
  /** Variants cannot change it (yoco). */
  readonly fixed?: true;
  /** `prefer` has an effect. */
  readonly usesPreference: boolean;
}

const HARD_GLOBAL: MethodDefaults = { prefer: 'hard', balanced: false, usesPreference: true };
const NO_PREFERENCE: MethodDefaults = { prefer: 'easy', balanced: false, usesPreference: false };

export const METHOD_DEFAULTS: Readonly<Record<MethodName, MethodDefaults>> = {
  yoco: { prefer: 'easy', balanced: true, fixed: true, usesPreference: true },
  lbpe: { prefer: 'easy', balanced: true, usesPreference: true },
  el2n: HARD_GLOBAL,
  forgetting: HARD_GLOBAL,
  aum: HARD_GLOBAL,
  entropy: HARD_GLOBAL,
  loss: HARD_GLOBAL,
  random: NO_PREFERENCE,
  ccs: NO_PREFERENCE,
  kmeans: NO_PREFERENCE,
  // As condensed: each class's first n samples in stored order, which a multisize bundle
  // condensed to be good sets at every prefix (design.md §6). Balanced by construction.
  prefix: { prefer: 'easy', balanced: true, fixed: true, usesPreference: false },
};

function defaultsOf(method: string): MethodDefaults {
  const d = (METHOD_DEFAULTS as Record<string, MethodDefaults | undefined>)[method];
  if (!d) throw new SelectionError(`unknown selection method "${method}"`);
  return d;
}

/** `s` as it selects: yoco's fixed choices, and 'easy' where a preference does not apply. */
export function normalizeSelection(s: Selection): Selection {
  const d = defaultsOf(s.method);
  if (d.fixed) return { method: s.method, prefer: d.prefer, balanced: d.balanced };
  return { method: s.method, prefer: d.usesPreference ? s.prefer : d.prefer, balanced: s.balanced };
}

/** The selection a token spells (see the header); SelectionError names what is wrong. */
export function parseSelection(token: string): Selection {
  const [name = '', ...variants] = token.split('+');
  if (!(METHODS as readonly string[]).includes(name)) {
    const where = token === name ? '' : ` in "${token}"`;
    throw new SelectionError(
      `unknown method "${name}"${where}; choose one of ${METHODS.join(', ')}`,
    );
  }
  const method = name as MethodName;
  const d = defaultsOf(method);
  let { prefer, balanced } = d;
  for (const v of variants) {
    if (d.fixed) {
      throw new SelectionError(
        method === 'yoco'
          ? `"${token}": yoco is fixed (LBPE, easy, balanced); vary lbpe instead`
          : `"${token}": ${method} is fixed (stored order, balanced) and takes no variants`,
      );
    }
    if (v === 'easy' || v === 'hard') prefer = v;
    else if (v === 'balanced' || v === 'imbalanced') balanced = v === 'balanced';
    else {
      throw new SelectionError(
        `unknown variant "+${v}" in "${token}" (use +easy, +hard, +balanced, +imbalanced)`,
      );
    }
  }
  return normalizeSelection({ method, prefer, balanced });
}

/** The shortest token of `s`: its method, then only the variants that differ from the defaults. */
export function selectionToken(s: Selection): string {
  const n = normalizeSelection(s);
  const d = defaultsOf(n.method);
  const parts: string[] = [n.method];
  if (n.prefer !== d.prefer) parts.push(n.prefer);
  if (n.balanced !== d.balanced) parts.push(n.balanced ? 'balanced' : 'imbalanced');
  return parts.join('+');
}

/** Words for `s`, e.g. "lbpe (hard, balanced)", "random (imbalanced)". */
export function describeSelection(s: Selection): string {
  const n = normalizeSelection(s);
  const choices = [n.balanced ? 'balanced' : 'imbalanced'];
  if (defaultsOf(n.method).usesPreference) choices.unshift(n.prefer);
  return `${n.method} (${choices.join(', ')})`;
}
