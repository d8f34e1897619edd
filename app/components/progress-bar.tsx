// An accessible horizontal progress bar (fraction in [0, 1], or indeterminate when null).
export interface ProgressBarProps {
  readonly fraction: number | null;
  readonly label: string;
  readonly testId?: string;
}

export function ProgressBar({ fraction, label, testId }: ProgressBarProps) {
  const pct = fraction === null ? null : Math.max(0, Math.min(100, fraction * 100));
  return (
    <div
      className={`progress${pct === null ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
      data-testid={testId}
    >
      <div
        className="progress-fill"
        style={pct === null ? undefined : { transform: `scaleX(${pct / 100})` }}
      />
    </div>
  );
}
