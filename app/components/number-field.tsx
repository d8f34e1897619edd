// A labelled integer input that commits on blur or Enter and ignores values out of range. Inside a
// FieldScope its label names the scope for screen readers, so that a label shown twice on the
// page still gives each field a name of its own.
import { useEffect, useId, useState } from 'react';
import { useFieldScope } from './field-scope';

export interface NumberFieldProps {
  readonly label: string;
  readonly value: number | null;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly placeholder?: string;
  readonly testId?: string;
  readonly onChange: (value: number | null) => void;
  /** Allow clearing the field (value null). */
  readonly optional?: boolean;
}

export function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  placeholder,
  testId,
  onChange,
  optional,
}: NumberFieldProps) {
  const id = useId();
  const scope = useFieldScope();
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const commit = (): void => {
    if (text.trim() === '' && optional) return onChange(null);
    const v = Number(text);
    if (Number.isFinite(v) && v >= min && v <= max) onChange(step === 1 ? Math.round(v) : v);
    else setText(value === null ? '' : String(value));
  };
  return (
    <div className="field field-inline">
      <label htmlFor={id}>
        {label}
        {scope && <span className="visually-hidden">, {scope}</span>}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={text}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </div>
  );
}
