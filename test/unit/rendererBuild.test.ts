import type { IndexHtmlTransformContext, Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { preloadAtStart } from '../../src/main/web/rendererBuild';

/** A chunk as the bundler describes it, with what these plugins read. */
function chunk(fileName: string, options: { facade?: string; entry?: boolean; imports?: string[] } = {}): Rollup.OutputChunk {
  return { type: 'chunk', fileName, facadeModuleId: options.facade ?? null, isEntry: options.entry ?? false, imports: options.imports ?? [] } as unknown as Rollup.OutputChunk;
}

const startModules = ['src/renderer/src/start.tsx', 'src/renderer/src/features/home/HomePage.tsx'];

function tagsFor(bundle: Rollup.OutputBundle | undefined, modules: readonly string[] = startModules.slice(1)): unknown {
  const plugin = preloadAtStart(modules);
  const hook = plugin.transformIndexHtml as { handler: (html: string, context: IndexHtmlTransformContext) => unknown };
  return hook.handler('<html></html>', { path: '/index.html', filename: 'index.html', bundle } as IndexHtmlTransformContext);
}

const preload = (href: string) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href }, injectTo: 'head' });

describe('the chunks a start runs, linked from index.html', () => {
  it('preloads the page and every chunk it imports, once each, but not the first script that index.html runs anyway', () => {
    const bundle: Rollup.OutputBundle = {
      'assets/index.js': chunk('assets/index.js', { facade: '/home/admin/console/src/renderer/index.html', entry: true, imports: ['assets/shared.js'] }),
      'assets/HomePage.js': chunk('assets/HomePage.js', { facade: '/home/admin/console/src/renderer/src/features/home/HomePage.tsx', imports: ['assets/index.js', 'assets/form.js', 'assets/shared.js'] }),
      'assets/form.js': chunk('assets/form.js', { imports: ['assets/shared.js', 'assets/index.js'] }),
      'assets/shared.js': chunk('assets/shared.js'),
      'assets/AdminsPage.js': chunk('assets/AdminsPage.js', { facade: '/home/admin/console/src/renderer/src/features/admins/AdminsPage.tsx', imports: ['assets/form.js'] }),
    };
    expect(tagsFor(bundle)).toEqual(
      ['./assets/HomePage.js', './assets/form.js', './assets/shared.js'].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href }, injectTo: 'head' })),
    );
  });

  it("preloads the console's chunk and the first page's, each chunk once, in the order named", () => {
    const bundle: Rollup.OutputBundle = {
      'assets/index.js': chunk('assets/index.js', { facade: '/home/admin/console/src/renderer/index.html', entry: true }),
      'assets/start.js': chunk('assets/start.js', { facade: '/home/admin/console/src/renderer/src/start.tsx', imports: ['assets/index.js', 'assets/shared.js'] }),
      'assets/HomePage.js': chunk('assets/HomePage.js', { facade: '/home/admin/console/src/renderer/src/features/home/HomePage.tsx', imports: ['assets/start.js', 'assets/shared.js', 'assets/format.js'] }),
      'assets/shared.js': chunk('assets/shared.js'),
      'assets/format.js': chunk('assets/format.js'),
    };
    expect(tagsFor(bundle, startModules)).toEqual(['./assets/start.js', './assets/shared.js', './assets/HomePage.js', './assets/format.js'].map(preload));
  });

  it('finds the page on Windows paths too', () => {
    const bundle: Rollup.OutputBundle = {
      'assets/HomePage.js': chunk('assets/HomePage.js', { facade: 'C:\\console\\src\\renderer\\src\\features\\home\\HomePage.tsx' }),
    };
    expect(tagsFor(bundle)).toEqual([{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: './assets/HomePage.js' }, injectTo: 'head' }]);
  });

  it('stops the build when no chunk is built from the page, rather than starting slower unnoticed', () => {
    expect(() => tagsFor({ 'assets/index.js': chunk('assets/index.js', { entry: true }) })).toThrow(/no chunk is built from src\/renderer\/src\/features\/home\/HomePage\.tsx, which a start runs/);
  });

  it('adds nothing while developing, where there is no bundle', () => {
    expect(tagsFor(undefined)).toEqual([]);
  });
});
