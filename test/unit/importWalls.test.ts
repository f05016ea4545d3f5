import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function wallViolations(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the import walls', () => {
  it.each([
    ['src/renderer/src/pages/Bad.tsx', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/src/pages/Bad.tsx', "import { readFile } from 'node:fs';"],
    ['src/renderer/src/pages/Bad.tsx', "import { readFile } from 'fs';"],
    ['src/renderer/src/pages/Bad.tsx', "import { createConsoleCore } from '../../../main/console';"],
    ['src/shared/bad.ts', "import { app } from 'electron';"],
    ['src/shared/bad.ts', "import { join } from 'node:path';"],
    ['src/shared/bad.ts', "import { useState } from 'react';"],
    ['src/preload/bad.ts', "import { contract } from '../shared/contract/schemas';"],
    ['src/main/services/bad.ts', "import { app } from 'electron';"],
    ['src/sandbox/bad.ts', "import { something } from '../main/scm/client';"],
  ])('refuse in %s: %s', async (filePath, source) => {
    expect(await wallViolations(filePath, `${source}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/src/pages/Good.tsx', "import { themes } from '../../../shared/settings';"],
    ['src/preload/good.ts', "import { channels } from '../shared/contract/channels';"],
    ['src/main/window.ts', "import { BrowserWindow } from 'electron';"],
  ])('allow in %s: %s', async (filePath, source) => {
    expect(await wallViolations(filePath, `${source}\nexport {};\n`)).toEqual([]);
  });
});
