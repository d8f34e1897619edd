// Browser test of the download cap (src/engine/bundle/fetch.ts): a server that sends far more
// bytes than the manifest says for a payload gets the error panel naming the file, and the app
// stops reading at once: by the Content-Length when the server announces its size, and part-way
// through the stream when it does not (a gzip body, whose Content-Length counts encoded bytes).
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';
import { appUrl, FAST } from './helpers';

/** The tiny bundle's images.u8: 4 classes × 3 stored images × 16 × 16 × 3 bytes. */
const DECLARED = 4 * 3 * 16 * 16 * 3;
const SENT = 64 * 1024 * 1024;

test('a payload far larger than its manifest says is refused, by header or part-way', async ({
  page,
}) => {
  const bigBody = Buffer.alloc(SENT, 7);
  const cases: {
    how: string;
    body: Buffer;
    headers: Record<string, string>;
    message: string | RegExp;
  }[] = [
    {
      how: 'announced',
      body: bigBody,
      headers: { 'content-type': 'application/octet-stream' },
      message: `has ${SENT} bytes (64.0 MiB) by its Content-Length but the manifest says ${DECLARED}; not read`,
    },
    {
      how: 'streamed',
      body: gzipSync(bigBody),
      headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' },
      message: new RegExp(
        `is larger than the ${DECLARED} bytes the manifest says \\(stopped reading at (\\d+)\\)`,
      ),
    },
  ];
  for (const c of cases) {
    await page.unrouteAll();
    await page.route('**/datasets/tiny/images.u8', (route) =>
      route.fulfill({ status: 200, body: c.body, headers: c.headers }),
    );
    await page.goto(appUrl({ ...FAST, bundle: 'tiny' }));
    const panel = page.getByTestId('error-panel');
    await expect(panel).toBeVisible({ timeout: 60_000 });
    await expect(panel.getByTestId('error-file')).toHaveText('images.u8');
    const text = (await panel.getByTestId('error-message').textContent()) ?? '';
    if (typeof c.message === 'string') expect(text, c.how).toContain(c.message);
    else {
      const m = c.message.exec(text);
      expect(m, `${c.how}: ${text}`).not.toBeNull();
      // Part-way: it stopped within a few chunks, not after the 64 MB.
      expect(Number(m![1]), c.how).toBeLessThan(SENT / 16);
    }
    await expect(page.getByTestId('gallery')).toHaveCount(0);
  }
});
