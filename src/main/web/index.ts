export { startBrowserShell, type BrowserShell, type BrowserShellOptions, type EventSource } from './server';
export { contentSecurityPolicy, readRendererFile, rendererSecurityHeaders } from './static';
