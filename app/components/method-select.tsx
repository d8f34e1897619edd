// Which selection rule prunes the condensed set: YOCO, a baseline, or a YOCO Table 2 ablation row.
import { useId } from 'react';
import { GROUP_LABELS, METHOD_OPTIONS, methodOption, type MethodGroup } from '../lib/methods';
import { useApp } from '../store/context';

const GROUPS: readonly MethodGroup[] = ['yoco', 'baseline', 'ablation'];

export function MethodSelect() {
  const method = useApp((s) => s.settings.method);
  const setMethod = useApp((s) => s.setMethod);
  const error = useApp((s) => s.selectionError);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Selection method</label>
      <select
        id={id}
        data-testid="method-select"
        value={method}
        onChange={(e) => setMethod(e.target.value)}
      >
        {GROUPS.map((g) => (
          <optgroup key={g} label={GROUP_LABELS[g]}>
            {METHOD_OPTIONS.filter((o) => o.group === g).map((o) => (
              <option key={o.token} value={o.token}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p className="hint">{methodOption(method)?.description}</p>
      {error && (
        <p className="field-error" role="alert" data-testid="selection-error">
          {error}
        </p>
      )}
    </div>
  );
}
