// A word the page defines (lib/glossary.ts): a small button whose definition shows as a tooltip on
// hover and on keyboard focus (and on tap, where there is no hover), tied to it with
// aria-describedby so that a screen reader reads it too; Escape hides it.
import { useId, useState, type ReactNode } from 'react';
import { GLOSSARY, type TermName } from '../lib/glossary';

export function Term({
  name,
  children,
}: {
  readonly name: TermName;
  readonly children?: ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  return (
    <span
      className="term"
      data-open={open ? 'true' : undefined}
      data-dismissed={dismissed ? 'true' : undefined}
      onMouseLeave={() => setDismissed(false)}
    >
      <button
        type="button"
        className="term-button"
        aria-describedby={id}
        data-testid={`term-${name}`}
        onClick={() => {
          setOpen(!open);
          setDismissed(false);
        }}
        onBlur={() => {
          setOpen(false);
          setDismissed(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setOpen(false);
            setDismissed(true);
          }
        }}
      >
        {children ?? name}
      </button>
      <span role="tooltip" id={id} className="term-tip">
        {GLOSSARY[name]}
      </span>
    </span>
  );
}
