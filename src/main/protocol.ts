import { protocol } from 'electron';
import { readRendererFile, rendererSecurityHeaders } from './web/static';

export const appScheme = 'app';
export const appUrl = `${appScheme}://console/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `app://console/`, with the same security
 * headers as the browser shell, instead of from file:// (which would give the
 * page access to every local file's origin).
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'console' ? await readRendererFile(rendererDir, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...rendererSecurityHeaders, 'content-type': file.contentType },
    });
  });
}
