import { describe, expect, it } from 'vitest';
import { nodeSupport } from '../../scripts/node-version.mjs';

describe('the Node.js releases npm start accepts', () => {
  it.each(['22.12.0', '22.20.1', '24.0.0', '24.21.0', '26.1.0', '30.0.0'])('runs on %s without a word', (version) => {
    expect(nodeSupport(version)).toEqual({ ok: true, message: null });
  });

  it('runs on Node 20.19 and later, saying that 20 has reached its end of life', () => {
    const support = nodeSupport('20.19.4');
    expect(support.ok).toBe(true);
    expect(support.message).toMatch(/end of life in April 2026: move to 22, 24 or 26/);
  });

  it.each(['18.20.0', '20.18.3', '21.7.3', '22.11.0', '16.0.0', 'garbage'])('refuses %s, naming what it needs and where to get it', (version) => {
    const support = nodeSupport(version);
    expect(support.ok).toBe(false);
    expect(support.message).toContain('needs Node.js 22.12 or later');
    expect(support.message).toContain(`this is Node.js ${version}`);
    expect(support.message).toContain('https://nodejs.org');
  });
});

describe('package.json', () => {
  it('declares in engines the releases npm start accepts', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
    expect(manifest.engines.node).toBe('^20.19.0 || >=22.12.0');
  });
});
