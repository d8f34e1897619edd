// Tests of the cached stage runner: hits skip compute, changed inputs/upstream recompute,
// corrupted or truncated entries recompute, failed computes leave nothing behind, and the
// binary codec round-trips typed arrays exactly.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStage, stageHash, type StageContext } from './cache';
import { binaryCodec, jsonCodec } from './cache-codecs';
import { stableStringify } from './stable-hash';
import { useTempDir } from '../../test-support/node/test-dirs';

const root = useTempDir('yoco-cache-');

let dirNo = 0;
function context(): StageContext & { messages: string[] } {
  const messages: string[] = [];
  return {
    cacheDir: join(root(), `c${dirNo++}`),
    log: (m) => messages.push(m),
    progress: { write: () => undefined, tty: false },
    messages,
  };
}

interface Out {
  readonly sum: number;
  readonly data: Float32Array;
  readonly labels: Int32Array;
  readonly names: string[];
}
const codec = binaryCodec<Out>();

function counter() {
  let calls = 0;
  const compute = async (n: number): Promise<Out> => {
    calls++;
    const data = Float32Array.from({ length: n }, (_, i) => i / 3);
    return { sum: n * 2, data, labels: Int32Array.from([n, -1, 7]), names: ['a', 'b'] };
  };
  return { compute, calls: () => calls };
}

describe('runStage', () => {
  it('computes once and then hits the cache without calling compute', async () => {
    const ctx = context();
    const c = counter();
    const first = await runStage(ctx, 'observer', { n: 5, seed: 1 }, () => c.compute(5), codec);
    expect(first.cached).toBe(false);
    const second = await runStage(ctx, 'observer', { seed: 1, n: 5 }, () => c.compute(5), codec);
    expect(c.calls()).toBe(1);
    expect(second.cached).toBe(true);
    expect(second.hash).toBe(first.hash);
    expect(second.value.sum).toBe(10);
    expect(Array.from(second.value.data)).toEqual(Array.from(first.value.data));
    expect(second.value.data).toBeInstanceOf(Float32Array);
    expect(Array.from(second.value.labels)).toEqual([5, -1, 7]);
    expect(second.value.names).toEqual(['a', 'b']);
    expect(ctx.messages.some((m) => m.startsWith('[observer] cached'))).toBe(true);
  });

  it('recomputes when inputs, upstream hashes or the force flag change', async () => {
    const ctx = context();
    const c = counter();
    const a = await runStage(ctx, 's', { n: 4 }, () => c.compute(4), codec);
    const b = await runStage(ctx, 's', { n: 6 }, () => c.compute(6), codec);
    expect(c.calls()).toBe(2);
    expect(b.hash).not.toBe(a.hash);
    expect(b.value.sum).toBe(12);
    await runStage(ctx, 's', { n: 4 }, () => c.compute(4), codec, [{ hash: 'upstream-1' }]);
    expect(c.calls()).toBe(3);
    await runStage(ctx, 's', { n: 4 }, () => c.compute(4), codec, [{ hash: 'upstream-1' }]);
    expect(c.calls()).toBe(3);
    await runStage({ ...ctx, force: true }, 's', { n: 4 }, () => c.compute(4), codec);
    expect(c.calls()).toBe(4);
  });

  it('recomputes a corrupted entry and a truncated entry, and repairs them', async () => {
    const ctx = context();
    const c = counter();
    const first = await runStage(ctx, 'crops', { n: 8 }, () => c.compute(8), codec);
    const bytes = readFileSync(first.file);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    writeFileSync(first.file, bytes);
    const again = await runStage(ctx, 'crops', { n: 8 }, () => c.compute(8), codec);
    expect(c.calls()).toBe(2);
    expect(again.cached).toBe(false);
    expect(ctx.messages.some((m) => m.includes('digest mismatch'))).toBe(true);
    expect((await runStage(ctx, 'crops', { n: 8 }, () => c.compute(8), codec)).cached).toBe(true);

    writeFileSync(first.file, readFileSync(first.file).subarray(0, 40));
    const third = await runStage(ctx, 'crops', { n: 8 }, () => c.compute(8), codec);
    expect(third.cached).toBe(false);
    expect(c.calls()).toBe(3);
    expect(Array.from(third.value.data)).toEqual(Array.from(first.value.data));
  });

  it('leaves no entry when compute fails, removes stale temporaries, and resumes', async () => {
    const ctx = context();
    await expect(
      runStage(
        ctx,
        'rded',
        { k: 1 },
        async () => {
          throw new Error('interrupted');
        },
        jsonCodec<number>(),
      ),
    ).rejects.toThrow('interrupted');
    expect(readdirSync(ctx.cacheDir)).toEqual([]);
    const hash = stageHash('rded', { k: 1 }, 'json-1');
    const stale = join(ctx.cacheDir, `rded-${hash.slice(0, 16)}.bin.tmp-999-deadbeef`);
    writeFileSync(stale, 'half written');
    const done = await runStage(ctx, 'rded', { k: 1 }, async () => 42, jsonCodec<number>());
    expect(done.value).toBe(42);
    expect(done.hash).toBe(hash);
    expect(readdirSync(ctx.cacheDir)).toEqual([`rded-${hash.slice(0, 16)}.bin`]);
  });

  it('hands compute a progress factory that counts', async () => {
    const ctx = context();
    const r = await runStage(
      ctx,
      'p',
      {},
      async (progress) => {
        const p = progress(10, 'scoring', 'crop');
        for (let i = 0; i < 10; i++) p.tick();
        p.finish();
        return p.done;
      },
      jsonCodec<number>(),
    );
    expect(r.value).toBe(10);
  });
});

describe('stableStringify', () => {
  it('is independent of key order and hashes typed arrays by content', () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: undefined, e: null }] })).toBe(
      '{"a":[1,{"d":2,"e":null}],"b":1}',
    );
    const x = stableStringify({ w: Float32Array.from([1, 2]) });
    expect(x).toBe(stableStringify({ w: Float32Array.from([1, 2]) }));
    expect(x).not.toBe(stableStringify({ w: Float32Array.from([1, 3]) }));
    expect(x).not.toBe(stableStringify({ w: Int32Array.from([1, 2]) }));
    expect(stableStringify([NaN, -Infinity])).toBe('[{"$num":"NaN"},{"$num":"-Infinity"}]');
  });

  it('refuses non-plain data', () => {
    expect(() => stableStringify({ m: new Map() })).toThrow(/plain data, found a Map/);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => stableStringify(cyc)).toThrow(/cycle/);
  });
});

describe('binaryCodec', () => {
  it('round-trips nested values, odd-length arrays and non-finite numbers', () => {
    const c = binaryCodec<unknown>();
    const value = {
      a: Uint8Array.from([1, 2, 3]),
      b: [Float64Array.from([Math.PI, -0.5]), { c: Int16Array.from([-3]) }],
      d: Infinity,
      e: 'x',
      f: Buffer.from([9, 8]),
    };
    const back = c.decode(c.encode(value)) as typeof value;
    expect(Array.from(back.a)).toEqual([1, 2, 3]);
    expect(back.b[0]).toBeInstanceOf(Float64Array);
    expect(Array.from(back.b[0] as Float64Array)).toEqual([Math.PI, -0.5]);
    expect(Array.from((back.b[1] as { c: Int16Array }).c)).toEqual([-3]);
    expect(back.d).toBe(Infinity);
    expect(back.e).toBe('x');
    expect(back.f).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.f)).toEqual([9, 8]);
  });
});
