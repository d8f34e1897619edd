// Hostile or heavy inputs to "Open a condensed set…" in the browser (design.md §9). A file larger than
// the import limit, dropped or picked, is refused by name in the import card and not a byte of it
// is read: a spy on every Blob read and on the messages to the engine worker sees nothing of it.
// The cache of imported sets: records of the older one-store layout are cleared with a notice; at
// start-up a corrupt record is skipped and removed with a notice, a cache over its bound is cut to
// its most recently used entries with a notice, and the bundle opens as always.
import { join } from 'node:path';
import { IMPORT_LIMITS } from '../src/engine/import/limits';
import { IMPORT_CACHE_BOUNDS, IMPORT_CACHE_DB } from '../app/storage/import-cache';
import { expect, test } from './fixtures';
import { openApp, setSlider } from './helpers';
import { E2E_PUBLIC_DIR } from './make-public';

/** A file of 2100 MB (over the 2 GiB limit) made of one 1 MB Blob repeated: 1 MB of memory. */
const HUGE_MB = 2100;

test('a file over the size limit is refused by name, and no byte of it is read', async ({
  page,
}) => {
  await openApp(page, { bundle: 'tiny-gray8', method: 'yoco' });
  // The spy: every read of a Blob larger than the limit (in the page), and every message to a
  // worker or port that carries one (the engine worker would read it there).
  await page.evaluate((limit) => {
    const seen: string[] = [];
    (window as unknown as { hugeReads: string[] }).hugeReads = seen;
    const isHuge = (v: unknown) => v instanceof Blob && v.size > limit;
    const carries = (v: unknown, depth: number): boolean => {
      if (isHuge(v)) return true;
      if (depth === 0 || typeof v !== 'object' || v === null || v instanceof Blob) return false;
      const values = v instanceof Map ? [...v.values()] : Object.values(v);
      return values.some((x) => carries(x, depth - 1));
    };
    const wrap = <T extends object>(
      proto: T,
      method: string,
      hit: (self: T, args: unknown[]) => boolean,
    ) => {
      const target = proto as Record<string, unknown>;
      const original = target[method] as ((...a: unknown[]) => unknown) | undefined;
      if (!original) return;
      target[method] = function (this: T, ...args: unknown[]) {
        if (hit(this, args)) seen.push(method);
        return original.apply(this, args);
      };
    };
    for (const m of ['arrayBuffer', 'bytes', 'slice', 'stream', 'text']) {
      wrap(Blob.prototype, m, (self) => isHuge(self));
    }
    for (const m of ['readAsArrayBuffer', 'readAsBinaryString', 'readAsDataURL', 'readAsText']) {
      wrap(FileReader.prototype, m, (_, args) => isHuge(args[0]));
    }
    wrap(Worker.prototype, 'postMessage', (_, args) => carries(args[0], 8));
    wrap(MessagePort.prototype, 'postMessage', (_, args) => carries(args[0], 8));
  }, IMPORT_LIMITS.maxFileBytes);

  const files = (name: string) =>
    page.evaluateHandle(
      ({ name, mb }) => {
        const one = new Blob([new Uint8Array(2 ** 20)]);
        const dt = new DataTransfer();
        dt.items.add(new File(Array<Blob>(mb).fill(one), name));
        return dt;
      },
      { name, mb: HUGE_MB },
    );
  const refusal = (name: string) =>
    `${name}: 2.05 GB is larger than the 2.00 GB import limit (IMPORT_LIMITS.maxFileBytes); nothing was read`;

  // Dropped on the card…
  await page
    .getByTestId('import-panel')
    .dispatchEvent('drop', { dataTransfer: await files('huge.pt') });
  await expect(page.getByTestId('import-error')).toHaveText(refusal('huge.pt'));
  // … or picked with the file input.
  const picked = await files('huge-picked.npz');
  await page.getByTestId('import-input').evaluate((input: HTMLInputElement, dt) => {
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, picked);
  await expect(page.getByTestId('import-error')).toHaveText(refusal('huge-picked.npz'));

  expect(
    await page.evaluate(() => (window as unknown as { hugeReads: string[] }).hugeReads),
  ).toEqual([]);
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  // The open bundle is untouched.
  await expect(page.getByTestId('gallery')).toBeVisible();
  await setSlider(page, 1);
});

test('the cache of an older version is cleared with a notice', async ({ page }) => {
  // Before the app first runs: the one-store layout of version 1, holding one whole record.
  await page.goto('./datasets/index.json');
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => open.result.createObjectStore('scored', { keyPath: 'id' });
        open.onsuccess = () => {
          const tx = open.result.transaction('scored', 'readwrite');
          tx.objectStore('scored').put({ id: 'old', name: 'old.pt', files: new Map() });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    IMPORT_CACHE_DB.name,
  );
  await openApp(page, { bundle: 'tiny-gray8', method: 'yoco' });
  await expect(page.getByTestId('notices')).toContainText(
    '1 set cached by an older version of this app was cleared',
  );
  await expect(page.getByTestId('import-cached')).toHaveCount(0);
});

test('start-up skips a corrupt cached record and evicts entries beyond the bound', async ({
  page,
}) => {
  await openApp(page, { bundle: 'tiny-gray8', method: 'yoco' });
  // One real entry, the most recently used: a bundle folder opened from disk.
  await page
    .getByTestId('import-folder-input')
    .setInputFiles(join(E2E_PUBLIC_DIR, 'datasets', 'tiny-f32'));
  await expect(page.getByTestId('import-done')).toContainText('bundle folder');
  const older = IMPORT_CACHE_BOUNDS.maxEntries + 4;
  // Older entries (used at times 0, 1, …), and a record whose save time is not a number.
  await page.evaluate(
    ({ db, older }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db.name);
        open.onsuccess = () => {
          const tx = open.result.transaction([db.meta, db.payload], 'readwrite');
          const put = (meta: Record<string, unknown> & { id: string }, files: unknown) => {
            tx.objectStore(db.meta).put(meta);
            tx.objectStore(db.payload).put({ id: meta.id, files });
          };
          for (let i = 0; i < older; i++) {
            const meta = { id: `old${i}`, name: `old${i}.pt`, title: 'Old', savedAt: i, usedAt: i };
            put(
              { ...meta, sizes: [['manifest.json', 2]], bytes: 2 },
              new Map([['manifest.json', new Uint8Array(2)]]),
            );
          }
          put(
            { id: 'bad', name: 'corrupt.pt', title: 'Bad', savedAt: 'yesterday', usedAt: 1e15 },
            'not a map',
          );
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    { db: IMPORT_CACHE_DB, older },
  );

  await page.reload();
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
  await setSlider(page, 1);
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('"corrupt.pt": its save time is not a finite number');
  await expect(notices).toContainText(
    `keeps at most ${IMPORT_CACHE_BOUNDS.maxEntries} sets and 1.00 GB: the least recently used were removed`,
  );
  const reopen = page.getByTestId('import-cached').getByRole('button');
  await expect(reopen).toHaveCount(IMPORT_CACHE_BOUNDS.maxEntries);
  await expect(reopen.first()).toHaveText('Reopen tiny-f32');
  // What is stored is what is listed: the bad and the evicted records are gone from both stores.
  const stored = await page.evaluate(
    (db) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open(db.name);
        open.onsuccess = () => {
          const tx = open.result.transaction([db.meta, db.payload]);
          const counts = [db.meta, db.payload].map((s) => tx.objectStore(s).count());
          tx.oncomplete = () => (open.result.close(), resolve(counts.map((c) => c.result)));
        };
        open.onerror = () => reject(open.error);
      }),
    IMPORT_CACHE_DB,
  );
  expect(stored).toEqual([IMPORT_CACHE_BOUNDS.maxEntries, IMPORT_CACHE_BOUNDS.maxEntries]);
  // The real entry still reopens.
  await reopen.first().click();
  await expect(page.getByTestId('import-done')).toContainText('not scored again');
  await expect(page.getByTestId('gallery-img')).toHaveCount(6);
});
