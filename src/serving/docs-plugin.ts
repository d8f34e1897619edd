// The Vite plugin that serves the project's notes beside the app, so that the page can link to them
// with a relative path on any static host (app/lib/links.ts): the build copies them into the site
// as docs/<name>.md, and the dev server answers the same paths from docs/. Markdown as plain text,
// as it is written; the notes read well unrendered.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The notes the page links to, by file name under docs/. */
export const LINKED_DOCS = ['findings-fashion-mnist.md', 'design.md'] as const;

export function linkedDocs(): Plugin {
  let root = process.cwd();
  return {
    name: 'yoco-linked-docs',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0]?.replace(/^\/docs\//, '');
        if (!name || !req.url?.startsWith('/docs/') || !LINKED_DOCS.some((d) => d === name)) {
          next();
          return;
        }
        res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
        res.end(readFileSync(resolve(root, 'docs', name)));
      });
    },
    generateBundle() {
      for (const name of LINKED_DOCS) {
        this.emitFile({
          type: 'asset',
          fileName: `docs/${name}`,
          source: readFileSync(resolve(root, 'docs', name)),
        });
      }
    },
  };
}
