// The Labels control of the training card (the `labels` setting, src/engine/settings/schema.ts):
// two choices drawn like the run presets, Hard (each image's class) and Teacher (the bundle's
// teacher labels every augmented batch with soft labels). On a bundle without a teacher the
// Teacher choice is disabled and says why. Its words are defined terms (lib/glossary.ts).
import { useId } from 'react';
import { settingRow } from '../../src/engine/settings/schema';
import { hasTeacher, LABEL_CHOICES, NO_TEACHER_REASON } from '../lib/labels';
import { useApp } from '../store/context';
import { runLabels } from '../store/selectors';
import { Term } from './term';

export function LabelsField() {
  const labels = useApp(runLabels);
  const teacher = useApp((s) => hasTeacher(s.view?.manifest));
  const update = useApp((s) => s.updateSettings);
  const id = useId();
  return (
    <fieldset className="labels-field" data-testid="labels-field">
      <legend className="field-legend">{settingRow('labels').label}</legend>
      <div className="label-choices">
        {LABEL_CHOICES.map((c) => {
          const disabled = c.mode === 'teacher' && !teacher;
          const checked = labels === c.mode;
          return (
            <label
              key={c.mode}
              className="label-choice"
              data-checked={checked ? 'true' : undefined}
              data-disabled={disabled ? 'true' : undefined}
            >
              <input
                type="radio"
                name={`${id}-labels`}
                value={c.mode}
                checked={checked}
                disabled={disabled}
                aria-labelledby={`${id}-${c.mode}`}
                aria-describedby={`${id}-${c.mode}-note`}
                data-testid={`labels-${c.mode}`}
                onChange={() => update({ labels: c.mode })}
              />
              <span className="label-choice-text">
                <span className="label-choice-name" id={`${id}-${c.mode}`}>
                  {c.label}
                </span>
                <span
                  className="label-choice-note"
                  id={`${id}-${c.mode}-note`}
                  data-testid={disabled ? 'labels-teacher-reason' : undefined}
                >
                  {disabled ? NO_TEACHER_REASON : c.note}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      <p className="hint labels-terms">
        With Teacher, the bundle’s <Term name="teacher" /> labels every augmented batch with{' '}
        <Term name="soft labels" /> (T: their temperature).
      </p>
    </fieldset>
  );
}
