// Dismissable messages: ignored URL parameters, backend fallbacks, skipped stored records.
import { useApp } from '../store/context';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.level}`}>
          <span>{n.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(n.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
