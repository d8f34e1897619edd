// React access to the app store: a provider-free module context plus a selector hook.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './app-store';
import type { AppStoreState } from './types';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp must be used inside <StoreContext.Provider>');
  return store;
}

/** Subscribes to one slice of the state (return stable values or primitives from `selector`). */
export function useApp<T>(selector: (state: AppStoreState) => T): T {
  return useStore(useAppStore(), selector);
}
