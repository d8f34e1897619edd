// Which bundle URLs the app opens: index ids and folders under datasets/ on its own origin; every
// way of pointing at another origin, or outside datasets/, is refused with a message naming it.
import { describe, expect, it } from 'vitest';
import { BundleSourceError, resolveBundleUrl } from './bundle-source';

const BASE = 'http://127.0.0.1:5173/';

function refusal(bundle: string, base = BASE): BundleSourceError {
  try {
    resolveBundleUrl(base, bundle);
  } catch (e) {
    expect(e).toBeInstanceOf(BundleSourceError);
    return e as BundleSourceError;
  }
  throw new Error(`${bundle} was accepted`);
}

describe('resolveBundleUrl', () => {
  it('opens index ids, plain names and folders under datasets/ on this origin', () => {
    expect(resolveBundleUrl(BASE, 'tiny')).toBe(`${BASE}datasets/tiny/`);
    expect(resolveBundleUrl(BASE, 'not-listed')).toBe(`${BASE}datasets/not-listed/`);
    expect(resolveBundleUrl(BASE, 'datasets/tiny')).toBe(`${BASE}datasets/tiny/`);
    expect(resolveBundleUrl(BASE, 'datasets/sub/b/')).toBe(`${BASE}datasets/sub/b/`);
    expect(resolveBundleUrl(BASE, '/datasets/tiny/')).toBe(`${BASE}datasets/tiny/`);
    expect(resolveBundleUrl(BASE, `${BASE}datasets/tiny/?x=1#y`)).toBe(`${BASE}datasets/tiny/`);
    expect(resolveBundleUrl(`${BASE}app/`, 'tiny')).toBe(`${BASE}app/datasets/tiny/`);
    // A name with backslashes and no '/' is a folder name under datasets/ (same origin).
    expect(resolveBundleUrl(BASE, '\\\\other-host\\b')).toBe(`${BASE}datasets///other-host/b/`);
  });

  it('refuses another origin in every spelling, naming it', () => {
    const cases: [string, string][] = [
      ['http://other-host/b', 'http://other-host'],
      ['//other-host/b', 'http://other-host'],
      ['https://other-host/datasets/tiny/', 'https://other-host'],
      ['/\\other-host/b', 'http://other-host'],
      ['http://localhost:5173/datasets/tiny/', 'http://localhost:5173'],
      ['HTTP://OTHER-HOST:80/b', 'http://other-host'],
    ];
    for (const [bundle, origin] of cases) {
      const e = refusal(bundle);
      expect(e.origin, bundle).toBe(origin);
      expect(e.message).toContain(`is on ${origin}, another origin than this app's`);
      expect(e.message).toContain('was not opened');
    }
    // Other schemes never leave this origin: joined under the base, or a folder name.
    expect(refusal('data:text/plain,x').message).toMatch(/outside \/datasets\//);
    expect(resolveBundleUrl(BASE, 'javascript:alert(1)')).toBe(
      `${BASE}datasets/javascript:alert(1)/`,
    );
  });

  it('refuses paths of this origin outside datasets/', () => {
    for (const bundle of ['..', '%2e%2e', 'datasets/../assets', '/assets/', 'assets/x', '/']) {
      const e = refusal(bundle);
      expect(e.origin, bundle).toBeNull();
      expect(e.message).toMatch(/outside \/datasets\/, and was not opened/);
    }
    expect(refusal('datasets/').message).toMatch(/outside/);
    expect(() => resolveBundleUrl(`${BASE}app/`, '/datasets/x/')).toThrow(BundleSourceError);
    expect(() => resolveBundleUrl(BASE, '  ')).toThrow('No bundle was named.');
  });
});
