// The Content-Security-Policy texts and which one each response gets: the page's is strict (no
// inline script, no eval, no blob:, fetches and workers from this origin only), the engine
// worker's adds only what the wasm backend needs, and the built index.html carries the page's.
import { describe, expect, it } from 'vitest';
import { PAGE_POLICY, WORKER_POLICY, cspHeaderFor, policyText } from './csp';

describe('content security policy', () => {
  it('gives the page a strict policy, with frame-ancestors only as a header', () => {
    const page = cspHeaderFor('/');
    expect(page).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
    expect(cspHeaderFor('/assets/index-D9-FszIx.js')).toBe(page);
    expect(policyText(PAGE_POLICY)).not.toContain('frame-ancestors');
  });

  it("gives the engine worker's script wasm compilation and blob: threads, nothing more", () => {
    const worker = cspHeaderFor('/assets/engine.worker-CT_8m-VR.js');
    expect(worker).toBe(policyText(WORKER_POLICY));
    expect(worker).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; " +
        "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'",
    );
    expect(cspHeaderFor('/datasets/engine.worker-x.js')).not.toBe(worker);
  });
});
