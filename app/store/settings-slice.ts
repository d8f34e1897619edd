// Settings slice: what to load, how to select and how to train (lib/settings.ts), as the user
// sets them. Changing them only records them: the reconciler (reconcile.ts) brings the selection
// and an active run in line, and the URL follows (url-sync.ts).
import { methodOption } from '../lib/methods';
import type { Settings } from '../lib/settings';
import type { SliceCreator } from './types';

export interface SettingsSlice {
  readonly settings: Settings;
  updateSettings(patch: Partial<Settings>): void;
  /** Picks a selection method by its token (methods.ts `methodOption`; unknown ones are ignored). */
  setMethod(token: string): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, deps) => ({
  settings: deps.settings,

  updateSettings(patch) {
    set((s) => ({ settings: { ...s.settings, ...patch } }));
  },

  setMethod(token) {
    const option = methodOption(token);
    if (option) get().updateSettings({ method: option.token });
  },
});
