// Which selection rule prunes the condensed set: YOCO, a baseline, or a YOCO Table 2 ablation row.
import { useId } from 'react';
import { multisizePrefixes } from '../../src/engine/bundle/multisize';
import {
  GROUP_LABELS,
  METHOD_OPTIONS,
  methodOption,
  offeredOptions,
  type MethodGroup,
} from '../lib/methods';
import { useApp } from '../store/context';

const GROUPS: readonly MethodGroup[] = ['yoco', 'condensed', 'baseline', 'ablation'];

export function MethodSelect() {
  const method = useApp((s) => s.settings.method);
  const setMethod = useApp((s) => s.setMethod);
  const error = useApp((s) => s.selectionError);
  const multisize = useApp((s) => (s.view ? multisizePrefixes(s.view.manifest) !== null : false));
  const options = offeredOptions(METHOD_OPTIONS, multisize);
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
        {GROUPS.filter((g) => options.some((o) => o.group === g)).map((g) => (
          <optgroup key={g} label={GROUP_LABELS[g]}>
            {options
              .filter((o) => o.group === g)
              .map((o) => (
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
