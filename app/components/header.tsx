// The top bar: app name, what it does, the dataset picker and the backend badge.
import { BackendBadge } from './backend-badge';
import { DatasetPicker } from './dataset-picker';

export function Header() {
  return (
    <header className="app-header">
      <div className="brand">
        <h1>
          yoco<span>-web</span>
        </h1>
        <p>You Only Condense Once, in your browser</p>
      </div>
      <DatasetPicker />
      <BackendBadge />
    </header>
  );
}
