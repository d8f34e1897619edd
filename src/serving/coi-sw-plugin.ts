// The Vite plugin that builds the cross-origin-isolation service worker (src/serving/coi-sw.ts)
// into the site's root as coi-sw.js, next to index.html: a service worker only controls pages at
// or below its own folder, and the name stays fixed so the browser finds updates to it.
// It is a build of its own (one classic script, everything inlined), not a chunk of the app's:
// the app's build would move modules both import into a shared chunk, and a classic service
// worker cannot import it (module service workers are not supported everywhere).
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { COI_SW_FILE } from './isolation.ts';

export function coiServiceWorker(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  return {
    name: 'yoco-coi-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        publicDir: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          lib: {
            entry: resolve(root, 'src/serving/coi-sw.ts'),
            formats: ['iife'],
            name: 'yocoCoiServiceWorker',
            fileName: () => COI_SW_FILE,
          },
        },
      });
    },
  };
}
