export { startBrowserShell, type BrowserShell, type BrowserShellOptions } from './server';
export { contentSecurityPolicy, readRendererFile, rendererSecurityHeaders } from './static';
