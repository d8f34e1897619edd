// Peak memory of importing a large *valid* condensed set: writes an IDC-layout torch.save zip of
// about `--mb` MB (float32 images N×1×28×28 in [0, 1] and int64 labels, balanced over 10 classes)
// to a temporary folder, then imports it in a fresh Node process (the importer reads the file in
// ranges through fs.openAsBlob, as `yoco import` does) and prints the file size, the decoded
// size, the time, and the process's peak RSS above its RSS just before the import, as a multiple
// of the file. The file is written in two streamed passes (CRC, then bytes), never held whole.
//   npm run bench:import -- --mb 500
import { spawnSync } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCondensed } from '../../src/engine/import/condensed';
import { KNOWN_NORMALIZATION } from '../../src/engine/import/normalization';
import { crc32 } from '../../src/engine/import/zip';
import { PROTO2, STOP, cat, enc, tensorOps } from '../../test-support/engine/pickle-bytes';
import { centralRecord, endRecord, localHeader } from '../../test-support/engine/zip-bytes';
import { parseCommand } from '../lib/args';

const PIXELS = 28 * 28;
const CHUNK_IMAGES = 1024;

/** Images `from`…`from+n` as float32 bytes: a deterministic pattern in [0, 1]. */
function imageChunk(from: number, n: number): Uint8Array {
  const out = new Float32Array(n * PIXELS);
  for (let i = 0; i < out.length; i++) out[i] = ((from * PIXELS + i) % 251) / 250;
  return new Uint8Array(out.buffer);
}

/** Writes the IDC-layout file of `count` images (a multiple of 10) to `path`. */
async function writeIdcFile(path: string, count: number): Promise<number> {
  const pickle = cat(
    PROTO2,
    '(',
    tensorOps('0', count * PIXELS, [count, 1, 28, 28], [PIXELS, PIXELS, 28, 1]),
    tensorOps('1', count, [count], [1], 0, 'LongStorage'),
    'l',
    STOP,
  );
  const labels = new Uint8Array(
    BigInt64Array.from({ length: count }, (_, i) => BigInt(i % 10)).buffer,
  );
  let imageCrc = 0;
  for (let at = 0; at < count; at += CHUNK_IMAGES) {
    imageCrc = crc32(imageChunk(at, Math.min(CHUNK_IMAGES, count - at)), imageCrc);
  }
  const small: [string, Uint8Array][] = [
    ['archive/data.pkl', pickle],
    ['archive/byteorder', enc.encode('little')],
    ['archive/data/1', labels],
  ];
  const file = await open(path, 'w');
  const central: Uint8Array[] = [];
  let offset = 0;
  const write = async (bytes: Uint8Array) => {
    await file.write(bytes);
    offset += bytes.length;
  };
  for (const [name, data] of small) {
    const head = { name, method: 0, size: data.length, compressed: data.length, crc: crc32(data) };
    central.push(centralRecord(head, offset));
    await write(cat(localHeader(head), data));
  }
  const imageBytes = count * PIXELS * 4;
  const head = {
    name: 'archive/data/0',
    method: 0,
    size: imageBytes,
    compressed: imageBytes,
    crc: imageCrc,
  };
  central.push(centralRecord(head, offset));
  await write(localHeader(head));
  for (let at = 0; at < count; at += CHUNK_IMAGES) {
    await write(imageChunk(at, Math.min(CHUNK_IMAGES, count - at)));
  }
  const dir = cat(...central);
  const dirAt = offset;
  await write(dir);
  await write(endRecord(central.length, dir.length, dirAt));
  await file.close();
  return offset;
}

/** The child: import `path` and print what it cost. */
async function measure(path: string): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const set = await importCondensed([{ name: 'big.pt', blob: await openAsBlob(path) }], {
    normalization: KNOWN_NORMALIZATION['Fashion-MNIST']!,
    classCount: 10,
    imageShape: [28, 28, 1],
  });
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  const decoded = set.images.byteLength;
  console.log(JSON.stringify({ images: set.count, decoded, before, peak, ms }));
}

async function main(): Promise<void> {
  const args = parseCommand(
    process.argv.slice(2),
    {
      mb: {
        kind: 'number',
        description: 'file size in MB (default 500)',
        min: 1,
        max: 1900,
        integer: true,
      },
      child: { kind: 'string', description: '(internal) import this file and print figures' },
    },
    'bench:import',
    '[--mb N]',
  );
  if (!args) return;
  const child = args.flags.get('child');
  if (typeof child === 'string') return measure(child);
  const mb = (args.flags.get('mb') as number | undefined) ?? 500;
  const count = Math.max(10, Math.round((mb * 2 ** 20) / (PIXELS * 4) / 10) * 10);
  const dir = await mkdtemp(join(tmpdir(), 'yoco-import-memory-'));
  try {
    const path = join(dir, 'big.pt');
    const bytes = await writeIdcFile(path, count);
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', path],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (run.status !== 0) throw new Error(`the import failed: ${run.stderr.slice(-2000)}`);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      images: number;
      decoded: number;
      before: number;
      peak: number;
      ms: number;
    };
    const MBs = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
    const growth = r.peak - r.before;
    console.log(
      `imported ${r.images} images from a ${MBs(bytes)} file (decoded ${MBs(r.decoded)}) in ${(r.ms / 1000).toFixed(1)} s; ` +
        `peak RSS ${MBs(r.peak)}, ${MBs(growth)} above the RSS before the import = ` +
        `${(growth / bytes).toFixed(2)}× the file, ${(growth / r.decoded).toFixed(2)}× the decoded set`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
