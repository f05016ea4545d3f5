/** The handbook, compiled at build time by src/handbook/vitePlugin.ts. */
declare module 'virtual:handbook' {
  import type { HandbookBundle } from '../../shared/handbook';

  const bundle: HandbookBundle;
  export default bundle;
}
