// Seeded random mutations of a bundle's manifest.json for the fuzz and corruption test
// (tools/lib/bundle-fuzz.test.ts). Each mutation says what the reader must do with it: 'reject'
// (a named BundleError, on one of `files` when given), 'load' (a harmless change: key order,
// whitespace) or 'either' (a random edit whose effect is not known in advance, such as a flipped
// byte; it must still end in a load or a named error, never a crash or a hang). Pure.
import { Rng } from '../../src/engine/rng';
import { MAX_JSON_DEPTH, MAX_JSON_STRING } from '../../src/engine/bundle/json-limits';
import { MAX_MANIFEST_BYTES } from '../../src/engine/bundle/limits';
import { allPaths, get, jsonType, set, show, type Json, type Obj, type Path } from './json-paths';

export type Expectation = 'reject' | 'load' | 'either';

export interface ManifestMutation {
  /** Mutation family, e.g. 'delete-required'. */
  readonly kind: string;
  /** What was done, e.g. 'delete files.labels.sha256'. */
  readonly detail: string;
  readonly bytes: Uint8Array;
  readonly expect: Expectation;
  /** Files a rejection may name (absent: any). */
  readonly files?: readonly string[];
}

const MANIFEST = 'manifest.json';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const POOL: Json[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], [1], {}, { a: 1 }];
const HOSTILE_PATHS = ['../x.bin', '/etc/passwd', 'a/../../b', 'C:/x', 'http://evil/x', '', 'a//b'];
const HEX = '0123456789abcdef';

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)]!;
}

/** A random nesting of depth `n` as JSON text (JSON.stringify would overflow on deep values). */
function deepText(rng: Rng, n: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < n; i++) {
    const obj = rng.next() < 0.5;
    open += obj ? '{"k":' : '[';
    close = (obj ? '}' : ']') + close;
  }
  return `${open}0${close}`;
}

/** The generator over one base manifest; `mutation(seed)` is deterministic in the seed. */
export function manifestMutator(manifestText: string) {
  const base = JSON.parse(manifestText) as Obj;
  const files = base.files as { [k: string]: { path: string; bytes: number } };
  const keys = Object.keys(files);
  const paths = keys.map((k) => files[k]!.path);
  const required: Path[] = [
    ['formatVersion'],
    ['id'],
    ['title'],
    ['source'],
    ['source', 'name'],
    ['source', 'licence'],
    ['classes'],
    ['imageShape'],
    ['ipc'],
    ['factor'],
    ['flip'],
    ['normalization'],
    ['normalization', 'mean'],
    ['normalization', 'std'],
    ['condensation'],
    ['condensation', 'method'],
    ['condensation', 'params'],
    ['scoring'],
    ['scoring', 'model'],
    ['scoring', 'params'],
    ['files'],
    ['tool'],
    ['tool', 'name'],
    ['tool', 'version'],
    ...keys.flatMap((k) => [
      ['files', k],
      ['files', k, 'path'],
      ['files', k, 'bytes'],
      ['files', k, 'sha256'],
    ]),
    ...(base.features ? [['features'], ['features', 'dim'], ['features', 'model']] : []),
    ...(base.teacher
      ? [
          ['teacher'],
          ...Object.keys(base.teacher as Obj).map((k) => ['teacher', k]),
          ['teacher', 'trainedOn', 'name'],
          ['teacher', 'trainedOn', 'count'],
        ]
      : []),
  ];
  const rows = (get(base, ['referenceTable', 'rows']) as Json[] | undefined)?.length ?? 0;

  function out(
    kind: string,
    detail: string,
    m: Json | string,
    expect: Expectation,
    fileList?: readonly string[],
  ): ManifestMutation {
    const text = typeof m === 'string' ? m : JSON.stringify(m, null, 2);
    return { kind, detail, bytes: enc(text), expect, ...(fileList ? { files: fileList } : {}) };
  }

  const families: Array<(rng: Rng, m: Obj) => ManifestMutation> = [
    (rng, m) => {
      const p = pick(rng, required);
      set(m, p, undefined);
      return out('delete-required', `delete ${show(p)}`, m, 'reject', [MANIFEST]);
    },
    (rng, m) => {
      const p = pick(rng, required);
      const type = jsonType(get(m, p));
      const v = pick(
        rng,
        POOL.filter((x) => jsonType(x) !== type),
      );
      set(m, p, v);
      return out('wrong-type', `${show(p)} = ${JSON.stringify(v)}`, m, 'reject', [MANIFEST]);
    },
    (rng, m) => {
      // Shape-defining numbers: any change makes the payloads inconsistent with the manifest.
      const [p, values] = pick<[Path, number[]]>(rng, [
        [['ipc'], [0, -1, 1.5, 1, 3, 1e9]],
        [['factor'], [0, 1, 3, 4, 8, 16, 2.5]],
        [
          ['imageShape', rng.int(3)],
          [0, 4, 16, 1e6, 2.5, -8],
        ],
        [['formatVersion'], [0, 2, 1.5, -1]],
      ]);
      const v = pick(
        rng,
        values.filter((x) => x !== get(m, p)),
      );
      set(m, p, v);
      return out('shape-number', `${show(p)} = ${v}`, m, 'reject');
    },
    (rng, m) => {
      const k = pick(rng, keys);
      const entry = (m.files as Obj)[k] as Obj;
      const what = rng.int(3);
      if (what === 0) {
        const delta = pick(rng, [1, 7, 1000, 1e6, 1e12]) * (rng.next() < 0.5 ? -1 : 1);
        entry.bytes = (entry.bytes as number) + delta;
        return out('payload-bytes', `files.${k}.bytes += ${delta}`, m, 'reject', [
          MANIFEST,
          files[k]!.path,
        ]);
      }
      if (what === 1) {
        entry.sha256 = Array.from({ length: 64 }, () => HEX[rng.int(16)]).join('');
        return out('payload-digest', `files.${k}.sha256 random`, m, 'reject', [files[k]!.path]);
      }
      const p = pick(rng, [
        ...HOSTILE_PATHS,
        ...paths.filter((x) => x !== entry.path),
        'nope/x.bin',
      ]);
      entry.path = p;
      return out('payload-path', `files.${k}.path = ${JSON.stringify(p)}`, m, 'reject', [
        MANIFEST,
        files[k]!.path,
        p,
      ]);
    },
    (rng, m) => {
      const [p, v] = pick<[Path, Json]>(rng, [
        [['normalization', 'std', 0], pick(rng, [1e-300, 1e300, 0, -0.5, 2, 1e-4])],
        [['normalization', 'mean', 0], pick(rng, [-0.1, 1.5, 255])],
        [['classes', 1], pick(rng, ['', '   ', get(m, ['classes', 0]) as string])],
        [
          ['source', 'url'],
          pick(rng, ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x/y', '', '//host/x']),
        ],
        [['testOrder'], pick<Json>(rng, [{ shuffled: true }, { shuffled: 'yes' }, true])],
        ...(rows > 0
          ? ([
              [['referenceTable', 'rows', rng.int(rows), 'mean'], pick(rng, [1.01, 65.8, -0.01])],
              [['referenceTable', 'rows', rng.int(rows), 'std'], pick(rng, [-0.01, 1.5])],
              [['referenceTable', 'rows', rng.int(rows), 'seeds'], 7],
              [
                ['referenceTable', 'rows', rng.int(rows), 'runs'],
                [0.5, 0.5, 0.5],
              ],
            ] as Array<[Path, Json]>)
          : []),
      ]);
      set(m, p, v);
      return out('poison-value', `${show(p)} = ${JSON.stringify(v)}`, m, 'reject', [MANIFEST]);
    },
    (rng, m) => {
      // Nesting beyond the limit (up to 5,000 deep), under a random container, as text.
      const containers = allPaths(m).filter(
        (p) => typeof get(m, p) === 'object' && get(m, p) !== null,
      );
      const at = pick(rng, [[], ...containers]);
      const depth = MAX_JSON_DEPTH + 1 + rng.int(5000 - MAX_JSON_DEPTH);
      const c = get(m, at) as Obj | Json[];
      if (Array.isArray(c)) c.push('@DEEP@');
      else c.deep = '@DEEP@';
      const text = JSON.stringify(m).replace('"@DEEP@"', deepText(rng, depth));
      return out('deep', `${depth}-deep value under ${show(at) || 'the root'}`, text, 'reject', [
        MANIFEST,
      ]);
    },
    (rng, m) => {
      const n = MAX_JSON_STRING + 1 + rng.int(400_000);
      const at = pick(
        rng,
        allPaths(m).filter((p) => jsonType(get(m, p)) === 'object'),
      );
      const long = 'y'.repeat(n);
      if (rng.next() < 0.5) (get(m, at) as Obj).note = long;
      else (get(m, at) as Obj)[long] = 1;
      return out('long-string', `${n}-character string or key under ${show(at)}`, m, 'reject', [
        MANIFEST,
      ]);
    },
    (rng, m) => {
      const text = JSON.stringify(m);
      const what = rng.int(3);
      if (what === 0) {
        const cut = rng.int(text.lastIndexOf('}'));
        return out('truncate', `cut at ${cut}`, text.slice(0, cut), 'reject', [MANIFEST]);
      }
      if (what === 1) {
        const pad = MAX_MANIFEST_BYTES + rng.int(1 << 20);
        return out(
          'oversize',
          `padded to ${pad + text.length} bytes`,
          text + ' '.repeat(pad),
          'reject',
          [MANIFEST],
        );
      }
      const v = pick(rng, ['[]', '"manifest"', '1', 'null', '']);
      return out('not-object', `text ${JSON.stringify(v)}`, v, 'reject', [MANIFEST]);
    },
    (rng, m) => {
      // Harmless: keys reordered and whitespace changed.
      const shuffle = (v: Json): Json => {
        if (Array.isArray(v)) return v.map(shuffle);
        if (v === null || typeof v !== 'object') return v;
        const ks = Object.keys(v);
        const order = rng.permutation(ks.length);
        return Object.fromEntries(Array.from(order, (i) => [ks[i]!, shuffle(v[ks[i]!]!)]));
      };
      const text = JSON.stringify(shuffle(m), null, rng.int(5));
      return out('reorder', 'keys shuffled, whitespace changed', text, 'load');
    },
    (rng, m) => {
      const ps = allPaths(m);
      const p = pick(rng, ps);
      const v = pick(rng, POOL);
      if (rng.next() < 0.5) set(m, p, v);
      else {
        const c = get(m, p);
        if (Array.isArray(c)) c.push(v);
        else if (c !== null && typeof c === 'object') c[`extra${rng.int(100)}`] = v;
        else set(m, p, v);
      }
      return out('random-edit', `${show(p)} edited with ${JSON.stringify(v)}`, m, 'either');
    },
    (rng) => {
      const bytes = enc(manifestText);
      const n = 1 + rng.int(5);
      const where: number[] = [];
      for (let i = 0; i < n; i++) {
        const at = rng.int(bytes.length);
        bytes[at] = rng.int(256);
        where.push(at);
      }
      return {
        kind: 'byte-flip',
        detail: `bytes ${where.join(', ')} randomised`,
        bytes,
        expect: 'either',
      };
    },
  ];

  return function mutation(seed: number): ManifestMutation {
    const rng = new Rng(seed);
    const family = families[rng.int(families.length)]!;
    return family(rng, structuredClone(base));
  };
}
