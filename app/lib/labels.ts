// The label mode of a run in words (hard labels, or the bundle's teacher's soft labels; the engine's
// `labels` setting, src/engine/settings/schema.ts), the mode a bundle allows (teacher labels need a
// bundle that ships a teacher: asked of one without, runs train on hard labels and the app says
// so), and the teacher model described for the provenance card.
import type { Manifest, TeacherInfo } from '../../src/engine/bundle/manifest';
import { DISTILLATION } from '../../src/engine/config';
import type { LabelMode } from '../../src/engine/types';
import { formatPercent } from './format';

export interface LabelChoice {
  readonly mode: LabelMode;
  /** Its name on the control. */
  readonly label: string;
  /** What it means, in a few words (under the name). */
  readonly note: string;
}

/** The two choices of the Labels control, in its order. */
export const LABEL_CHOICES: readonly LabelChoice[] = [
  { mode: 'hard', label: 'Hard', note: 'each image’s class' },
  // "T = 20" never breaks across lines.
  {
    mode: 'teacher',
    label: 'Teacher',
    note: `soft labels, T\u00a0=\u00a0${DISTILLATION.temperature}`,
  },
];

/** Why the Teacher choice is disabled on a bundle without one. */
export const NO_TEACHER_REASON = 'this bundle has no teacher';

/** "hard labels", "teacher labels": how a run's description names its mode. */
export function labelsText(mode: LabelMode | undefined): string {
  return mode === 'teacher' ? 'teacher labels' : 'hard labels';
}

/** Whether the bundle ships a teacher (so that it can train on teacher labels). */
export function hasTeacher(manifest: Pick<Manifest, 'teacher'> | null | undefined): boolean {
  return manifest?.teacher !== undefined;
}

/** The mode a run on `manifest` trains with when `asked` for: teacher labels need a teacher. */
export function labelsFor(
  asked: LabelMode,
  manifest: Pick<Manifest, 'teacher'> | null | undefined,
): LabelMode {
  return asked === 'teacher' && !hasTeacher(manifest) ? 'hard' : asked;
}

/** The notice when teacher labels were asked of a bundle without a teacher. */
export function noTeacherNotice(title: string): string {
  return `${title} has no teacher: runs train on hard labels instead of teacher labels.`;
}

/**
 * The teacher in one line: "ConvNet-D3 (width 128), 91.2% on 10,000 test images, trained 5 epochs
 * on the Fashion-MNIST training set (60,000 images)".
 */
export function teacherText(t: TeacherInfo): string {
  const epochs = `${t.epochs} epoch${t.epochs === 1 ? '' : 's'}`;
  const images = `${t.trainedOn.count.toLocaleString('en-US')} image${t.trainedOn.count === 1 ? '' : 's'}`;
  return (
    `${t.architecture}-D${t.depth} (width ${t.width}), ${formatPercent(t.testAccuracy)} on ` +
    `${t.testImages.toLocaleString('en-US')} test images, trained ${epochs} on the ` +
    `${t.trainedOn.name} (${images})`
  );
}

/** The protocol hint's words for the mode: what the network trains to match. */
export function labelsProtocol(mode: LabelMode): string {
  return mode === 'teacher'
    ? `trained on the teacher’s soft labels (KL divergence at T = ${DISTILLATION.temperature})`
    : 'trained on hard labels';
}
