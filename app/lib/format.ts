// Number and time formatting shared by the components.

export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (!Number.isFinite(s)) return '–';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** IPC units n / f², without trailing zeros (0.25, 1, 2.5). */
export function formatIpc(perClass: number, factor: number): string {
  const v = perClass / (factor * factor);
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)));
}

/** `count word`, with the word in the plural unless the count is exactly 1 ("0.25 images"). */
export function plural(count: number | string, word: string, many = `${word}s`): string {
  return `${count} ${Number(count) === 1 ? word : many}`;
}

/** A size in words: "1 image per class (4 patches)", "0.25 images per class (1 patch)". */
export function sizeText(perClass: number, factor: number): string {
  const patches = plural(perClass, 'patch', 'patches');
  return `${plural(formatIpc(perClass, factor), 'image')} per class (${patches})`;
}

export const BACKEND_LABELS: Record<string, string> = {
  webgpu: 'WebGPU',
  wasm: 'wasm',
  webgl: 'WebGL',
  cpu: 'cpu',
};

/** A backend's name as the app shows it ('none' for no backend). */
export function backendLabel(backend: string | null | undefined): string {
  return backend ? (BACKEND_LABELS[backend] ?? backend) : 'none';
}
