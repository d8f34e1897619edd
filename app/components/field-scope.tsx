// Names the part of the page a group of fields belongs to, for fields whose label appears twice
// (the device budget's "Epochs" edits the same setting as the training card's): inside a scope,
// NumberField adds the scope to its label for screen readers only ("Epochs, device budget"), so
// that every field's accessible name is unique while the screen shows the short label.
import { createContext, useContext, type ReactNode } from 'react';

const Scope = createContext<string | null>(null);

export function FieldScope({
  name,
  children,
}: {
  readonly name: string;
  readonly children: ReactNode;
}) {
  return <Scope.Provider value={name}>{children}</Scope.Provider>;
}

/** The enclosing scope's name, or null outside any. */
export function useFieldScope(): string | null {
  return useContext(Scope);
}
