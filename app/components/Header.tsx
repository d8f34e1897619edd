// The top bar: app name, what it does, and the backend badge.
import { BackendBadge } from './BackendBadge';

export function Header() {
  return (
    <header className="app-header">
      <div className="brand">
        <h1>
          yoco<span>-web</span>
        </h1>
        <p>Resize a condensed dataset on your device — You Only Condense Once</p>
      </div>
      <BackendBadge />
    </header>
  );
}
