// A start button and its Stop beside it: the pair the training controls and the Compare card share.
export function StartStopButtons({
  label,
  testId,
  stopTestId,
  canStart,
  canStop,
  onStart,
  onStop,
}: {
  readonly label: string;
  readonly testId: string;
  readonly stopTestId: string;
  readonly canStart: boolean;
  readonly canStop: boolean;
  readonly onStart: () => void;
  readonly onStop: () => void;
}) {
  const buttons = [
    { className: 'primary', id: testId, enabled: canStart, onClick: onStart, text: label },
    {
      className: 'secondary',
      id: stopTestId,
      enabled: canStop,
      onClick: onStop,
      // Unique names: a screen reader's list of buttons tells the two Stops apart.
      text: label === 'Compare' ? 'Stop comparison' : 'Stop training',
    },
  ];
  return (
    <div className="button-row">
      {buttons.map((b) => (
        <button
          key={b.id}
          type="button"
          className={b.className}
          data-testid={b.id}
          disabled={!b.enabled}
          onClick={b.onClick}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}
