// Steps of "Open a condensed set…" driven from outside the page, shared by the browser test
// (import.spec.ts) and the browser-vs-CLI scoring comparison (tools/score-agree.ts): set the
// scoring fields, drop a file on the panel as a user would, and read the scores the app cached.
import type { Page } from '@playwright/test';
import type { ScoreName } from '../src/engine/types';

/** The import panel's scoring fields, by test id. */
export interface ImportFields {
  readonly epochs: number;
  readonly topK: number;
  readonly runs: number;
  readonly width: number;
}

/** Types each scoring field and commits it with Enter. */
export async function setImportFields(page: Page, f: ImportFields): Promise<void> {
  const values: [string, number][] = [
    ['import-epochs', f.epochs],
    ['import-topk', f.topK],
    ['import-runs', f.runs],
    ['import-width', f.width],
  ];
  for (const [id, v] of values) {
    await page.getByTestId(id).fill(String(v));
    await page.getByTestId(id).press('Enter');
  }
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

/** Every score of the first scored set cached in IndexedDB (the record's scores.json). */
export function cachedScores(page: Page): Promise<Record<ScoreName, number[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<ScoreName, number[]>>((resolve, reject) => {
        const open = indexedDB.open('yoco-imports', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('scored').objectStore('scored').getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            const files = (get.result[0] as { files: Map<string, Uint8Array> }).files;
            const text = new TextDecoder().decode(files.get('scores.json'));
            resolve(JSON.parse(text) as Record<ScoreName, number[]>);
          };
        };
      }),
  );
}
