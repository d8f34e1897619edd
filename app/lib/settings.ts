// The user's settings (what to load, how to select and how to train): their type, defaults and
// bounds are the engine's one settings table (src/engine/settings/schema.ts); here, the size a
// bundle opens at.
import { perClassFromIpc } from '../../src/engine/select/ipc';
import type { Settings } from '../../src/engine/settings/schema';

export { DEFAULT_SETTINGS, type Settings } from '../../src/engine/settings/schema';

/**
 * Samples per class to start with on a bundle of factor f and IPC_F `ipcF`: `n=` if given, else
 * `ipc · f²`, else one stored image (f²); a size the bundle cannot hold is brought into
 * 1 … IPC_F · f² rather than refused (a URL or another bundle may ask for any).
 */
export function initialPerClass(settings: Settings, factor: number, ipcF: number): number {
  const max = ipcF * factor * factor;
  if (settings.ipc !== null && settings.perClass === null)
    return perClassFromIpc(settings.ipc, factor, ipcF, { clamp: true });
  return Math.min(max, Math.max(1, settings.perClass ?? factor * factor));
}
