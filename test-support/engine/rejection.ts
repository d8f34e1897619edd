// Shared by tests: await a promise that must reject with an error of a given class, and return it.
import { expect } from 'vitest';

export async function rejection<E extends Error>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const caught = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(caught).toBeInstanceOf(type);
  return caught as E;
}
