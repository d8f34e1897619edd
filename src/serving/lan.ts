// `npm run serve:lan` (vite preview --mode lan): the production build over HTTPS on every network
// interface, so a phone on the same network gets a secure context (WebGPU, crypto.subtle, service
// workers) and, with the preview's COOP/COEP headers, cross-origin isolation. The certificate is
// self-signed (@vitejs/plugin-basic-ssl, cached under node_modules/.vite/basic-ssl): the phone's
// browser warns once, and its user must choose to proceed (README: "Open it on a phone").
import basicSsl from '@vitejs/plugin-basic-ssl';
import type { Plugin } from 'vite';

export const LAN_MODE = 'lan';

/** Says, after the preview's own URL list, what the phone's user has to do. */
function phoneHint(): Plugin {
  return {
    name: 'yoco-lan-hint',
    configurePreviewServer(server) {
      server.httpServer.once('listening', () => {
        // After Vite has printed the Local and Network URLs.
        setTimeout(() => {
          const urls = server.resolvedUrls?.network ?? [];
          server.config.logger.info(
            [
              '',
              '  On a phone on the same network, open a Network URL above' +
                (urls.length === 0 ? ' (none found: is this machine on a network?)' : '') +
                '.',
              '  The certificate is self-signed: accept the warning once',
              '  (Chrome: Advanced → Proceed; Safari: Show Details → visit this website).',
              '',
            ].join('\n'),
          );
        }, 100);
      });
    },
  };
}

/** The plugins the LAN mode adds. */
export function lanPlugins(): Plugin[] {
  return [basicSsl({ name: 'yoco-lan' }), phoneHint()];
}
