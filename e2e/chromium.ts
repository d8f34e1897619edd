// How the browser tests and the browser benchmark start Chromium: Debian's build when present
// (Playwright's own browser download does not work here), headless, WebGPU through SwiftShader.
import { existsSync } from 'node:fs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
];

/** Launch options: Debian's Chromium, or Playwright's bundled browser only where it is missing. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  return {
    ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: CHROMIUM_ARGS,
  };
}
