// Where the browser tests' production build goes (playwright.config.ts builds it there; the
// static-host tests serve it again from servers of their own). Outside the repository, so linters
// and watchers never see it.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const E2E_BUILD_DIR = join(tmpdir(), 'yoco-e2e-dist');
