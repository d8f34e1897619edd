// Tests of the service worker's response rewrite (coi-response.ts): isolation headers added, the
// body, status and the host's own headers kept, the right policy for the page and the worker.
import { describe, expect, it } from 'vitest';
import { isolatedResponse } from './coi-response';
import { cspHeaderFor } from './csp';

describe('isolatedResponse', () => {
  it('adds COOP/COEP and the page policy, keeping status, body and other headers', async () => {
    const host = new Response('<!doctype html>', {
      status: 200,
      headers: { 'Content-Type': 'text/html', 'Cache-Control': 'max-age=60' },
    });
    const out = isolatedResponse(host, '/');
    expect(out.status).toBe(200);
    expect(out.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(out.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(out.headers.get('Content-Security-Policy')).toBe(cspHeaderFor('/'));
    expect(out.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(out.headers.get('Cache-Control')).toBe('max-age=60');
    expect(await out.text()).toBe('<!doctype html>');
  });

  it("gives the engine worker's script the worker policy (wasm compilation, blob: threads)", () => {
    const out = isolatedResponse(new Response('x'), '/assets/engine.worker-AbC_1.js');
    expect(out.headers.get('Content-Security-Policy')).toContain("'wasm-unsafe-eval'");
  });

  it('keeps a policy the host sent, and an error status, and passes opaque responses on', () => {
    const host = new Response('gone', {
      status: 404,
      headers: { 'Content-Security-Policy': "default-src 'none'" },
    });
    const out = isolatedResponse(host, '/missing');
    expect(out.status).toBe(404);
    expect(out.headers.get('Content-Security-Policy')).toBe("default-src 'none'");
    const opaque = Response.error();
    expect(isolatedResponse(opaque, '/')).toBe(opaque);
  });
});
