/** The handbook in each language, compiled at build time by src/handbook/vitePlugin.ts. */
declare module 'virtual:handbook/en' {
  import type { HandbookBundle } from '../../shared/handbook';

  const bundle: HandbookBundle;
  export default bundle;
}

declare module 'virtual:handbook/sv' {
  import type { HandbookBundle } from '../../shared/handbook';

  const bundle: HandbookBundle;
  export default bundle;
}
