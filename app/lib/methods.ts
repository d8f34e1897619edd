// The selection methods the app offers: YOCO, the pruning baselines, and the rows of the YOCO
// Table 2 ablation. Each option is one engine Selection, named by its selection token
// (src/engine/select/selection.ts: `random+balanced`, `lbpe+hard+balanced`): the token is what
// settings, URLs, saved runs and Compare hold, and labels are looked up by it. The ids the app
// used before tokens are read here, and only here (LEGACY_IDS).
import type { SelectRequest } from '../../src/engine/api';
import { parseSelection, selectionToken, type Selection } from '../../src/engine/select/selection';
import { REAL_CONTROL_ROW } from '../../src/engine/bundle/manifest';

export type MethodGroup = 'yoco' | 'condensed' | 'baseline' | 'ablation';

export interface MethodOption {
  /** The selection token the option is written as; the ablation rows spell both choices. */
  readonly token: string;
  readonly label: string;
  readonly group: MethodGroup;
  readonly selection: Selection;
  readonly description: string;
}

/** Each group's options, in menu order: [selection token, label, one-line description]. */
const OPTION_ROWS: Readonly<Record<MethodGroup, readonly (readonly [string, string, string])[]>> = {
  yoco: [
    [
      'yoco',
      'YOCO (LBPE easy, balanced)',
      'Keep the samples with the lowest LBPE score in every class.',
    ],
  ],
  // Offered only for a multisize bundle (offeredOptions): elsewhere stored order means nothing.
  condensed: [
    [
      'prefix',
      'As condensed (prefix)',
      "Each class's first images in stored order: this bundle was condensed so that they are a condensed set at every size.",
    ],
  ],
  baseline: [
    ['random', 'Random', 'Seeded uniform choice.'],
    ['el2n', 'EL2N', 'Error L2 norm over the first 10 epochs.'],
    ['forgetting', 'Forgetting', 'Correct → incorrect transitions during training.'],
    ['aum', 'AUM', 'Area under the margin.'],
    ['entropy', 'Entropy', 'Prediction entropy of the final model.'],
    ['loss', 'Loss', 'Cross-entropy of the final model.'],
    ['ccs', 'CCS', 'Coverage-centric: drop the hardest, stratify the rest.'],
    ['kmeans', 'k-means (SSP)', 'Sample nearest each k-means centroid of the features.'],
  ],
  ablation: [
    ['random+imbalanced', 'Random (imbalanced)', 'Table 2 row 1: neither rule.'],
    ['random+balanced', 'Random, balanced', 'Table 2 row 2: balanced construction only.'],
    ['lbpe+easy+imbalanced', 'LBPE easy, imbalanced', 'Table 2 row 3: LBPE score only.'],
    ['lbpe+easy+balanced', 'LBPE easy, balanced', 'Table 2 row 4: both rules (equals YOCO).'],
    [
      'lbpe+hard+balanced',
      'LBPE hard, balanced',
      'Rule 1 reversed (as in YOCO Table 4): keep the highest LBPE in every class. The best row on the shipped RDED-style bundle, whose easiest samples are near-duplicates.',
    ],
  ],
};

export const METHOD_OPTIONS: readonly MethodOption[] = (
  Object.keys(OPTION_ROWS) as MethodGroup[]
).flatMap((group) =>
  OPTION_ROWS[group].map(([token, label, description]) => ({
    token,
    label,
    group,
    selection: parseSelection(token),
    description,
  })),
);

/** The app's method ids before it used selection tokens, as old URLs and saved runs hold them. */
const LEGACY_IDS: ReadonlyMap<string, string> = new Map([
  ['abl-random', 'random+imbalanced'],
  ['abl-random-balanced', 'random+balanced'],
  ['abl-lbpe-imbalanced', 'lbpe+easy+imbalanced'],
  ['abl-lbpe-balanced', 'lbpe+easy+balanced'],
  ['abl-lbpe-hard-balanced', 'lbpe+hard+balanced'],
]);

export const GROUP_LABELS: Record<MethodGroup, string> = {
  yoco: 'YOCO',
  condensed: 'As condensed (multisize bundle)',
  baseline: 'Baselines',
  ablation: 'Ablation (YOCO Tables 2 and 4)',
};

/** `token` in its shortest spelling, or undefined when it is no selection token. */
function shortestToken(token: string): string | undefined {
  try {
    return selectionToken(parseSelection(token));
  } catch {
    return undefined;
  }
}

/**
 * The option a name stands for, case-insensitively: the option of that token, else of that
 * legacy id, else the first option making the same selection (a reference-table row's `lbpe`,
 * a URL's `lbpe+hard`); undefined for any other name.
 */
export function methodOption(name: string): MethodOption | undefined {
  // A `+` typed into a URL by hand arrives as a space.
  const spelled = name.trim().toLowerCase().replace(/\s+/g, '+');
  const token = LEGACY_IDS.get(spelled) ?? spelled;
  const exact = METHOD_OPTIONS.find((o) => o.token === token);
  if (exact) return exact;
  const key = shortestToken(token);
  return key === undefined
    ? undefined
    : METHOD_OPTIONS.find((o) => selectionToken(o.selection) === key);
}

/** The label of a method's token (or legacy id): its option's, else the token itself. */
export function methodLabel(token: string): string {
  return methodOption(token)?.label ?? token;
}

/** The engine request for a method token, `perClass` samples per class and a seed. */
export function selectRequestFor(token: string, perClass: number, seed: number): SelectRequest {
  return { ...parseSelection(methodOption(token)?.token ?? token), perClass, seed };
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

/**
 * Label of a reference-table row token as `yoco table` writes it (`yoco`, `random+balanced`,
 * `lbpe+hard+balanced`, `full`): the option that makes the same selection, else the token itself.
 */
export function referenceRowLabel(token: string): string {
  if (token === 'full') return 'Full condensed set';
  if (token === REAL_CONTROL_ROW) return 'Random real images (control)';
  return methodLabel(token);
}

/** The options to offer for a bundle: "as condensed" only where the bundle is multisize. */
export function offeredOptions(
  options: readonly MethodOption[],
  multisize: boolean,
): readonly MethodOption[] {
  return multisize ? options : options.filter((o) => o.group !== 'condensed');
}
