// Steps of "Open a condensed set…" driven from outside the page, shared by the browser test
// (import.spec.ts) and the browser-vs-CLI scoring comparison (tools/score-agree.ts): set the
// scoring fields, drop a file on the panel as a user would, and read the scores the app cached.
import { expect, type Page } from '@playwright/test';
import type { ScoreName } from '../src/engine/types';
import { IMPORT_CACHE_DB } from '../app/storage/import-cache';

/** The import panel's scoring fields, by test id. */
export interface ImportFields {
  readonly epochs: number;
  readonly topK: number;
  readonly runs: number;
  readonly width: number;
}

/**
 * Types each scoring field and commits it with Enter, then checks all four: committing one field
 * re-renders the others with the new settings, and a re-render that lands while the next field
 * is being typed can leave it holding another number (seen once: K became 101 instead of 1).
 */
export async function setImportFields(page: Page, f: ImportFields): Promise<void> {
  // The fields sit in the card's "Scoring settings" disclosure: open it as a user would.
  const settings = page.getByTestId('import-settings');
  if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await settings.locator('summary').click();
  }
  const values: [string, number][] = [
    ['import-epochs', f.epochs],
    ['import-topk', f.topK],
    ['import-runs', f.runs],
    ['import-width', f.width],
  ];
  for (let attempt = 0; attempt < 3; attempt++) {
    for (const [id, v] of values) {
      const field = page.getByTestId(id);
      await field.fill(String(v));
      await field.press('Enter');
      await expect(field).toHaveValue(String(v));
    }
    const shown = await Promise.all(values.map(([id]) => page.getByTestId(id).inputValue()));
    if (shown.every((text, i) => text === String(values[i]![1]))) return;
  }
  throw new Error('the import panel did not keep the scoring settings typed into it');
}

/** Drops `name` with `bytes` on the import panel, as a user dragging the file there. */
export async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bin], name));
      return dt;
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
  await page.getByTestId('import-panel').dispatchEvent('drop', { dataTransfer: data });
}

/** Every score of the first scored set cached in IndexedDB (its payload's scores.json). */
export function cachedScores(page: Page): Promise<Record<ScoreName, number[]>> {
  return page.evaluate(
    (db) =>
      new Promise<Record<ScoreName, number[]>>((resolve, reject) => {
        const open = indexedDB.open(db.name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction(db.payload).objectStore(db.payload).getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            open.result.close();
            const files = (get.result[0] as { files: Map<string, Uint8Array> }).files;
            const text = new TextDecoder().decode(files.get('scores.json'));
            resolve(JSON.parse(text) as Record<ScoreName, number[]>);
          };
        };
      }),
    IMPORT_CACHE_DB,
  );
}
