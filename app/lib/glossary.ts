// The few words the page cannot do without, defined once in plain language (docs/design.md §1,
// §2): the intro and the controls show them as terms with their definition on hover and focus.
import { DISTILLATION } from '../../src/engine/config';

export type TermName = 'IPC' | 'LBPE' | 'patch' | 'factor' | 'teacher' | 'soft labels';

export const GLOSSARY: Readonly<Record<TermName, string>> = {
  IPC:
    'Images per class: the size of a dataset. This condensed set stores a few images per class; ' +
    'IPC 1 keeps the content of one stored image per class.',
  LBPE:
    'Logit-based prediction error: how far a small network’s predictions for a sample were from ' +
    'its label while training, over its best epochs and several runs. Low means easy; YOCO ' +
    'keeps the easiest samples first.',
  patch:
    'A tile of a stored image. Each stored image is cut into factor × factor patches, and each ' +
    'patch, enlarged to full size, is one training sample: the unit that is kept or pruned.',
  factor:
    'How many patches a stored image is cut into along each side (f). With f = 2 every stored ' +
    'image holds 4 patches, so IPC 1 means 4 samples per class.',
  teacher:
    'A network trained on the whole original training set and shipped with the bundle. With ' +
    'teacher labels it labels every augmented batch the network being trained sees.',
  'soft labels':
    'A share for every class instead of one class per image: the teacher’s softmax at ' +
    `temperature T = ${DISTILLATION.temperature}, spread over the classes a cut-and-mixed image ` +
    'shows. The network being trained learns to match them (KL divergence). Hard labels are each ' +
    'image’s own class (a mixed image: both classes, by area).',
};
