// Renders a free-form parameter object (from the manifest) as a compact "key: value" list.
import { formatParam } from '../lib/format-param';

export function ParamList({ params }: { readonly params: Record<string, unknown> }) {
  const entries = Object.entries(params);
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="param-list">
      {entries.map(([k, v]) => (
        <li key={k}>
          <span className="param-key">{k}</span> {formatParam(v)}
        </li>
      ))}
    </ul>
  );
}
