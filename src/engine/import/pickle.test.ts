// Hostile and malformed inputs to the safe pickle reader and the torch.save legacy reader, built
// byte by byte here (never by Python's pickle): forbidden globals, deep nesting, huge declared
// sizes, truncation, a storage shorter than its tensor, and random corruption. Each is a named
// ImportError, and nothing hangs.
import { describe, expect, it } from 'vitest';
import { ImportError } from '../errors';
import { Rng } from '../rng';
import { rejection } from '../../../test-support/engine/rejection';
import { IMPORT_LIMITS } from './limits';
import { unpickle } from './pickle';
import { PickleDict, PickleTuple } from './pickle-types';
import { TensorRef } from './torch-globals';
import { readTorchBytes } from '../../../test-support/engine/import-bytes';
import {
  PROTO2,
  STOP,
  cat,
  enc,
  int,
  legacyTorchFile,
  str,
  tensorOps,
  u32,
  u64,
} from '../../../test-support/engine/pickle-bytes';

const plain = { globals: {} };
function refusal(run: () => unknown): ImportError {
  let thrown: unknown;
  try {
    run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ImportError);
  return thrown as ImportError;
}
const asyncRefusal = (p: Promise<unknown>) => rejection(p, ImportError);

describe('unpickle', () => {
  it('reads containers, numbers, strings, memo and nested tuples', () => {
    const bytes = cat(PROTO2, '}q\x00(', str('a'), int(-5), str('b'), ']q\x01(', int(1));
    const more = cat(bytes, 'G', [0x3f, 0xf8, 0, 0, 0, 0, 0, 0], 'N\x88\x86eh\x01\x85au', STOP);
    const v = unpickle('t.pkl', more, plain).value as PickleDict;
    expect(v.get('a')).toBe(-5);
    const b = v.get('b') as unknown[];
    expect(b.slice(0, 3)).toEqual([1, 1.5, new PickleTuple([null, true])]);
    expect((b[3] as PickleTuple).items[0]).toBe(b); // the memo gives back the same list
  });

  it('refuses os.system (GLOBAL) and builtins.eval (STACK_GLOBAL) without calling anything', () => {
    const system = cat(PROTO2, 'cos\nsystem\n', str('echo hacked'), [0x85], 'R', STOP);
    const e = refusal(() => unpickle('evil.pt', system, plain));
    expect(e.problem).toBe('global');
    expect(e.message).toMatch(
      /^evil\.pt: pickle refers to the global os\.system, which is not allowed/,
    );
    expect(e.message).toMatch(/nothing was run/);
    const evalBytes = cat([0x80, 4], [0x8c, 8], 'builtins', [0x8c, 4], 'eval', [0x93], STOP);
    expect(refusal(() => unpickle('evil.pt', evalBytes, plain)).message).toMatch(/builtins\.eval/);
  });

  it('bounds nesting: lists and MARKs deeper than the limit', () => {
    const depth = IMPORT_LIMITS.maxDepth + 2;
    const lists = cat(PROTO2, ']'.repeat(depth), 'a'.repeat(depth - 1), STOP);
    expect(refusal(() => unpickle('deep.pkl', lists, plain)).problem).toBe('limit');
    const marks = cat(PROTO2, '('.repeat(depth), STOP);
    expect(refusal(() => unpickle('deep.pkl', marks, plain)).message).toMatch(/MARKs deeper/);
  });

  it('refuses huge declared lengths before allocating, and truncated streams', () => {
    const huge = cat(PROTO2, [0x8d, ...u64(2 ** 40)], 'abc', STOP);
    expect(refusal(() => unpickle('huge.pkl', huge, plain)).problem).toBe('limit');
    const short = cat(PROTO2, [0x42, ...u32(1000)], 'abc');
    const t = refusal(() => unpickle('short.pkl', short, plain));
    expect(t.problem).toBe('truncated');
    expect(t.message).toMatch(/BINBYTES needs 1000 bytes at offset 7, only 3 left/);
    const noStop = cat(PROTO2, int(1));
    expect(refusal(() => unpickle('nostop.pkl', noStop, plain)).problem).toBe('truncated');
    const bigLong = cat(PROTO2, [0x8b, ...u32(2 ** 31)], STOP);
    expect(refusal(() => unpickle('long.pkl', bigLong, plain)).problem).toBe('limit');
  });

  it('names unsupported opcodes (protocol 0 text, NEWOBJ, out-of-band buffers)', () => {
    for (const [op, name] of [
      ['I1\n', 'INT'],
      [[0x81], 'NEWOBJ'],
      [[0x97], 'NEXT_BUFFER'],
    ] as const) {
      const e = refusal(() => unpickle('op.pkl', cat(PROTO2, op), plain));
      expect(e.message).toContain(name);
      expect(e.problem).toBe('unsupported');
    }
  });

  it('random corruption of a valid pickle: always a value or an ImportError, never a hang', () => {
    const good = cat(PROTO2, '}q\x00(', str('k'), ']q\x01(', int(7), int(8), 'eh\x01\x86u', STOP);
    const rng = new Rng(3);
    for (let trial = 0; trial < 2000; trial++) {
      const bad = good.slice(0, 1 + rng.int(good.length));
      for (let k = 0; k < 3; k++) bad[rng.int(bad.length)] = rng.int(256);
      try {
        unpickle('fuzz.pkl', bad, plain);
      } catch (e) {
        expect(e, String(e)).toBeInstanceOf(ImportError);
      }
    }
  });
});

/** A legacy torch.save file of one float32 tensor: `size`/`stride` over a storage of `numel`. */
function legacyTensor(
  size: number[],
  stride: number[],
  numel: number,
  stored: number[],
): Uint8Array {
  const main = cat(PROTO2, tensorOps('k0', numel, size, stride), STOP);
  return legacyTorchFile(main, [['k0', new Float32Array(stored)]]);
}

describe('readTorchFile (legacy format, built by hand)', () => {
  it('reads a strided tensor', async () => {
    const t = await readTorchBytes('ok.pt', legacyTensor([2, 2], [1, 2], 4, [1, 2, 3, 4]));
    expect(t.format).toBe('legacy');
    expect(Array.from((t.value as TensorRef).array!.data)).toEqual([1, 3, 2, 4]);
  });

  it('refuses a storage shorter than its tensor', async () => {
    const e = await asyncRefusal(
      readTorchBytes('short.pt', legacyTensor([3, 3], [3, 1], 4, [1, 2, 3, 4])),
    );
    expect(e.problem).toBe('truncated');
    expect(e.message).toMatch(/needs element 8 of its storage, which holds only 4/);
  });

  it('refuses a huge declared tensor size before allocating', async () => {
    const e = await asyncRefusal(
      readTorchBytes('huge.pt', legacyTensor([65536, 65536], [65536, 1], 1, [0])),
    );
    expect(e.problem).toBe('limit');
    expect(e.message).toMatch(/65536×65536 has more than/);
  });

  it('refuses wrong magic: random bytes, a plain pickle, an empty file', async () => {
    expect((await asyncRefusal(readTorchBytes('x.pt', enc.encode('hello world')))).problem).toBe(
      'magic',
    );
    const pickle = cat(PROTO2, int(5), STOP);
    expect((await asyncRefusal(readTorchBytes('x.pt', pickle))).message).toMatch(
      /wrong magic number/,
    );
    expect((await asyncRefusal(readTorchBytes('x.pt', new Uint8Array(0)))).problem).toBe('magic');
  });
});

describe('PickleDict', () => {
  it('sets a million keys in linear time, by value, keeping insertion order', () => {
    const d = new PickleDict();
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) d.set(`k${i}`, i);
    d.set('k5', -1); // an existing key: replaced in place
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(d.entries.length).toBe(1_000_000);
    expect(d.get('k5')).toBe(-1);
    expect(d.keys()[999_999]).toBe('k999999');
  });

  it('carries depth up through the memo: a list deepened after it was put in its parent', () => {
    // L0 = []; memo; then 70 times: GET L_i, new list, memo it, APPEND into L_i, POP.
    const levels = Array.from({ length: 70 }, (_, i) =>
      cat([0x6a, ...u32(i)], ']', [0x72, ...u32(i + 1)], 'a0'),
    );
    const deep = cat(PROTO2, ']', [0x72, ...u32(0)], ...levels, STOP);
    expect(refusal(() => unpickle('deep.pkl', deep, plain)).message).toMatch(
      /nesting deeper than 64 levels/,
    );
    const shallow = cat(PROTO2, ']', [0x72, ...u32(0)], ...levels.slice(0, 60), STOP);
    expect(Array.isArray(unpickle('ok.pkl', shallow, plain).value)).toBe(true);
  });
});
