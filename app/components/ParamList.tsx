// Renders a free-form parameter object (from the manifest) as a compact "key: value" list.
export function formatParam(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatParam).join(', ');
  return JSON.stringify(value);
}

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
