import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The import-wall complaints about `source` if it were the file at `filePath`. */
async function wallViolations(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

/** For each layer inside main and the command line: what it may not import, and what it may. */
const layers: { layer: string; file: string; refused: string[]; allowed: string[] }[] = [
  {
    layer: 'ipc',
    file: 'src/main/ipc/example.ts',
    refused: [
      "import { ScmClientError } from '../scm/errors';",
      "import { CredentialStoreError } from '../credentials';",
      "import { KeychainCredentialStore } from '../credentials/keychain';",
      "import { writeJsonAtomic } from '../storage';",
      "import { startBrowserShell } from '../web';",
      "import { startSandbox } from '../../sandbox';",
      "import { createConsoleCore } from '../console';",
      "import type { ScmClient } from '../scm/client';",
      "import { app } from 'electron';",
    ],
    allowed: ["import { ProfileService } from '../services/profiles';", "import { appErrorOf } from '../services/errors';", "import { ok } from '../../shared/result';", "import type { Dispatch } from './dispatch';"],
  },
  {
    layer: 'services',
    file: 'src/main/services/example.ts',
    refused: ["import { guarded } from '../ipc/guarded';", "import { createDispatcher } from '../ipc';", "import { startBrowserShell } from '../web/server';", "import { app } from 'electron';", "import { createConsoleCore } from '../console';"],
    allowed: [
      "import { ScmClient } from '../scm/client';",
      "import { KeychainCredentialStore } from '../credentials';",
      "import { JsonDocument } from '../storage';",
      "import { sandboxProfileId } from '../../shared/profiles';",
      "import { startSandbox } from '../../sandbox';",
      "import { readFile } from 'node:fs/promises';",
    ],
  },
  {
    layer: 'services, a folder deeper',
    file: 'src/main/services/example/part.ts',
    refused: ["import { guarded } from '../../ipc/guarded';"],
    allowed: ["import { AdminsApi } from '../../scm/admins';", "import { Notices } from '../notices';", "import type { AdminDetails } from '../../../shared/scm/types';"],
  },
  {
    layer: 'scm',
    file: 'src/main/scm/example.ts',
    refused: ["import { ProfileService } from '../services/profiles';", "import { MemoryCredentialStore } from '../credentials';", "import { writeJsonAtomic } from '../storage';", "import { guarded } from '../ipc/guarded';", "import { startSandbox } from '../../sandbox';"],
    allowed: ["import type { AdminDetails } from '../../shared/scm/types';", "import { ScmClientError } from './errors';", "import { Pool } from 'undici';"],
  },
  {
    layer: 'credentials',
    file: 'src/main/credentials/example.ts',
    refused: ["import { writeJsonAtomic } from '../storage';", "import { kindAnchor } from '../../shared/result';", "import { ScmClientError } from '../scm/errors';", "import { Notices } from '../services/notices';"],
    allowed: ["import { checkKey } from './store';", "import { AsyncEntry } from '@napi-rs/keyring';"],
  },
  {
    layer: 'storage',
    file: 'src/main/storage/example.ts',
    refused: ["import { kindAnchor } from '../../shared/result';", "import { Notices } from '../services/notices';", "import { MemoryCredentialStore } from '../credentials';"],
    allowed: ["import { writeJsonAtomic } from './jsonFile';", "import type { z } from 'zod';", "import { open } from 'node:fs/promises';"],
  },
  {
    layer: 'cli',
    file: 'src/cli/example.ts',
    refused: [
      "import { ScmClient } from '../main/scm/client';",
      "import type { ScmClient } from '../main/scm/client';",
      "import { ScmClientError } from '../main/scm/errors';",
      "import { KeychainCredentialStore } from '../main/credentials';",
      "import { defaultUserDataDir } from '../main/storage';",
      "import { product } from '../main/product';",
      "import { createDispatcher } from '../main/ipc';",
      "import { startSandbox } from '../sandbox';",
    ],
    allowed: ["import { runHealthChecks } from '../main/services/health';", "import { appErrorOf } from '../main/services/errors';", "import { worstVerdict } from '../shared/health';", "import { writeTable } from './output';", "import { parseArgs } from 'node:util';"],
  },
  {
    layer: 'web',
    file: 'src/main/web/example.ts',
    refused: ["import { AuditService } from '../services/audit';", "import { ScmClient } from '../scm/client';", "import { writeJsonAtomic } from '../storage';", "import { channels } from '../../shared/contract';", "import { createConsoleCore } from '../console';"],
    allowed: ["import { isChannel, type Dispatch } from '../ipc';", "import type { Dispatch as D } from '../ipc/dispatch';", "import { readRendererFile } from './static';", "import { createServer } from 'node:http';"],
  },
];

describe('the walls between the layers of main and the command line', () => {
  for (const { layer, file, refused, allowed } of layers) {
    it.each(refused)(`${layer} may not: %s`, async (source) => {
      expect(await wallViolations(file, source)).not.toEqual([]);
    });
    it.each(allowed)(`${layer} may: %s`, async (source) => {
      expect(await wallViolations(file, source)).toEqual([]);
    });
  }

  it('says why, naming what the layer may import', async () => {
    const [message] = await wallViolations('src/cli/example.ts', "import { ScmClient } from '../main/scm/client';");
    expect(message).toMatch(/through src\/main\/services/);
  });
});
