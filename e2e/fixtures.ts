// The browser tests' `test`: every test runs against the built app under its
// Content-Security-Policy (src/serving/csp.ts) and fails when anything reports a violation: the page
// (Chromium logs each one as a console error) or the engine worker (which logs its own,
// src/workers/engine.worker.ts; a worker's are not reported to its page). A test that provokes a
// violation on purpose reads and empties `cspViolations`.
import { test as base, expect } from '@playwright/test';

/** A console message that reports a Content-Security-Policy violation. */
export const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i;

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const seen: string[] = [];
      page.on('console', (m) => {
        if (CSP_MESSAGE.test(m.text())) seen.push(m.text());
      });
      await use(seen);
      expect(seen, 'Content-Security-Policy violations reported').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
