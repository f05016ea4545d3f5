import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/main/web';
// @ts-expect-error: a plain JavaScript script, without types
import { findingsAboveNote } from '../../scripts/electronegativity-gate.mjs';

describe('the Electronegativity gate', () => {
  const result = (level: string | undefined) => ({ ruleId: 'X', ...(level === undefined ? {} : { level }), message: { text: '' } });

  it('lets notes through and stops warnings, errors and findings without a level', () => {
    const sarif = { runs: [{ results: [result('note'), result('warning'), result('error'), result(undefined)] }] };
    expect((findingsAboveNote(sarif) as unknown[]).length).toBe(3);
    expect(findingsAboveNote({ runs: [{ results: [result('note')] }] })).toEqual([]);
  });
});

describe('the content security policy', () => {
  it('is the same in the built page as in the headers both shells send', () => {
    const html = readFileSync(fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url)), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const withoutFrameAncestors = contentSecurityPolicy
      .split('; ')
      .filter((directive) => !directive.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(withoutFrameAncestors);
  });

  it("allows no inline script, no eval and no other origin's code", () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(contentSecurityPolicy).toContain("default-src 'none'");
  });
});
