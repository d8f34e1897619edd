// Test support for the condensed-set readers: bytes built in a test (or read from a fixture)
// wrapped as the Blob-backed inputs the readers take, and a torch file read with every tensor
// filled, as a test that inspects all of them wants.
import { ByteSource } from '../../src/engine/import/source';
import { readTorchFile, type TorchFile } from '../../src/engine/import/torch';
import type { CondensedFile } from '../../src/engine/import/types';

export const sourceOf = (name: string, bytes: Uint8Array): ByteSource =>
  new ByteSource(name, new Blob([bytes as Uint8Array<ArrayBuffer>]));

export const condensedFile = (name: string, bytes: Uint8Array): CondensedFile => ({
  name,
  blob: new Blob([bytes as Uint8Array<ArrayBuffer>]),
});

/** A torch.save file from bytes, every tensor's array filled. */
export async function readTorchBytes(name: string, bytes: Uint8Array): Promise<TorchFile> {
  const t = await readTorchFile(sourceOf(name, bytes));
  await t.fill(t.tensors);
  return t;
}
