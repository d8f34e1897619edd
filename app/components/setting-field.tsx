// A number field for one setting of the settings table (src/engine/settings/schema.ts): its label
// and bounds come from the table, its value from the store; a valid entry updates the setting.
import {
  DEFAULT_SETTINGS,
  settingBounds,
  settingRow,
  type NumericSettingName,
  type Settings,
} from '../../src/engine/settings/schema';
import { useApp } from '../store/context';
import { NumberField } from './number-field';

export interface SettingFieldProps {
  readonly name: NumericSettingName;
  readonly testId: string;
  /** A tighter upper bound than the table's (e.g. the bundle's test images). */
  readonly max?: number;
  readonly placeholder?: string;
}

export function SettingField({ name, testId, max, placeholder }: SettingFieldProps) {
  const value = useApp((s) => s.settings[name]);
  const update = useApp((s) => s.updateSettings);
  const [min, tableMax] = settingBounds(name);
  // A setting whose default is null (all test images) may be cleared.
  const optional = DEFAULT_SETTINGS[name] === null;
  return (
    <NumberField
      label={settingRow(name).label}
      value={value}
      min={min}
      max={max ?? tableMax}
      optional={optional}
      placeholder={placeholder}
      testId={testId}
      onChange={(v) => (v !== null || optional) && update({ [name]: v } as Partial<Settings>)}
    />
  );
}
