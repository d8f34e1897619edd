// One manifest parameter value as short text: numbers to 4 significant digits, lists comma-separated,
// nested objects as "key: value; …", missing values as an en dash.
export function formatParam(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatParam).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${formatParam(v)}`)
    .join('; ');
}
