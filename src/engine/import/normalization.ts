// The mean and std (pixel/255 units) that the condensation reference code (DC, DSA, DM, MTT: the
// `get_dataset` of their utils.py) normalises each dataset with, so a published condensed set
// can be un-normalised without the user looking them up. Keyed by the names this project gives
// the datasets (tools/datasets), matched without case or punctuation.
import type { Normalization } from '../train/normalize';

export const KNOWN_NORMALIZATION: Readonly<Record<string, Normalization>> = {
  'Fashion-MNIST': { mean: [0.2861], std: [0.353] },
  MNIST: { mean: [0.1307], std: [0.3081] },
  'CIFAR-10': { mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.201] },
};

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The reference code's normalisation of dataset `name`, with the name it is known by. */
export function knownNormalization(
  name: string,
): { readonly dataset: string; readonly normalization: Normalization } | undefined {
  const entry = Object.entries(KNOWN_NORMALIZATION).find(([k]) => key(k) === key(name));
  return entry && { dataset: entry[0], normalization: entry[1] };
}
