import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore, probeKeychain } from '../../src/main/credentials';
import { ScmClient } from '../../src/main/scm/client';
import { AdminsApi } from '../../src/main/scm/admins';
import { AdminWriter, readActor } from '../../src/main/services/adminWrites';
import { NotificationWriter } from '../../src/main/services/notifications';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import type { ArgsOf, Channel, ValueOf } from '../../src/shared/contract';
import type { Job } from '../../src/shared/jobs';
import { startProxy, type LossyProxy } from '../support/checklists';
import { recordFigure } from '../support/reliability';

/*
 * Every problem found in the console so far, each with the test that fails if
 * it comes back. Most of those tests live beside the code they cover; the ones
 * below fill the gaps. The list is the table in docs/regressions.md, and the
 * last test checks that every test it names still exists.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const self = 'test/reliability/regressions.test.ts';

interface Regression {
  area: string;
  problem: string;
  /** Each as [file, test name], the name exactly as the file spells it. */
  tests: [string, string][];
}

const regressions: Regression[] = [
  // The browser shell
  {
    area: 'Browser shell',
    problem: 'The browser shell’s access rode on a cookie, which browsers also send to every other port of 127.0.0.1: a page from another local server could call the console with it.',
    tests: [
      ['test/unit/browserShell.test.ts', 'authorises nothing that travels in a cookie, which every local port would receive'],
      ['test/e2e/shell.spec.ts', 'gives a page on another local port nothing, while the console is open beside it'],
    ],
  },
  {
    area: 'Browser shell',
    problem: 'The token in the printed address kept working after it was used, and never expired.',
    tests: [
      ['test/unit/browserShell.test.ts', 'trades an address token for a tab key once, and never again'],
      ['test/unit/browserShell.test.ts', 'lets an address nobody opened expire'],
    ],
  },
  {
    area: 'Browser shell',
    problem: 'A script holding the page’s access could set the signed-in admin’s SCM password without knowing the current one.',
    tests: [
      ['test/integration/session.test.ts', 'asks for the current password, which a script calling the console cannot give, and checks it before SCM hears of it'],
      ['test/e2e/newUser.spec.ts', 'will not let a script that holds the page’s key set the password, even to a generated one it would see'],
    ],
  },
  {
    area: 'Browser shell',
    problem: '`/rpc/%` and other bad percent-encodings answered 500 instead of 400.',
    tests: [['test/unit/browserShell.test.ts', 'answers the bad percent-encoding %s with 400']],
  },
  {
    area: 'Browser shell',
    problem: 'A checklist’s form values reached the console’s main process unbounded: any size, any depth, any number of fields.',
    tests: [['test/unit/contract.test.ts', 'bounds a checklist’s form values before any checklist reads them']],
  },
  // Profiles and the keychain
  {
    area: 'Profiles and keychain',
    problem: 'Profile names took invisible and control characters (zero-width space, right-to-left override, BOM, NUL, CR/LF), so “Prod\\u200Buction” passed for “Production”, in the app and in `tcs-admin --profile`.',
    tests: [
      ['test/unit/profileNames.test.ts', 'refuses %s, naming the character and where it is'],
      ['test/integration/cli.test.ts', 'refuses a profile name with %s instead of matching or missing it quietly'],
    ],
  },
  {
    area: 'Profiles and keychain',
    problem: 'About 1,100 profiles froze the app where a keychain was present: listing them asked the keychain for each profile.',
    tests: [
      ['test/unit/profiles.test.ts', 'asks the keychain once for the secrets of a thousand profiles, not once per profile'],
      ['test/integration/keychain.test.ts', 'lists 1,100 profiles with one question to the keychain, and answers 40 reads asked at once, a few at a time'],
    ],
  },
  {
    area: 'Profiles and keychain',
    problem: 'Many keychain calls at once each opened their own connection, and stalled the keychain and the app with it.',
    tests: [[self, 'asks the keychain a few things at a time, however many are asked at once']],
  },
  {
    area: 'Profiles and keychain',
    problem: 'A keychain that took over 3 seconds to answer at start (a busy machine) was taken for none: typed passwords were then kept in memory only, and gone after a restart.',
    tests: [[self, 'waits for a keychain that takes seconds to answer at start, instead of keeping secrets in memory only']],
  },
  {
    area: 'Profiles and keychain',
    problem: 'Importing profiles with one repeated name took time cubic in their number (61 s for 2,000), blocking the console meanwhile.',
    tests: [['test/unit/profiles.test.ts', 'imports thousands of profiles with one repeated name without slowing down per repeat']],
  },
  {
    area: 'Profiles and keychain',
    problem: 'Changing a profile’s host or login silently forgot its stored secret; the form said only “Saved.”',
    tests: [['test/unit/profiles.test.ts', 'keeps the secret when only the name changes, and asks before it forgets it when the account changes']],
  },
  {
    area: 'Profiles and keychain',
    problem: 'Over-long input gave raw internal messages, one field per Save, and a 100,000-character password left a profile half-saved.',
    tests: [
      ['test/unit/profiles.test.ts', 'names every field that needs correcting at once, the secret among them, and saves nothing'],
      ['test/unit/profiles.test.ts', 'saves a profile and its secret together or not at all'],
      ['test/e2e/newUser.spec.ts', 'checks every field at once, says what to do on each, and saves nothing from enormous input'],
    ],
  },
  {
    area: 'Profiles and keychain',
    problem: 'Two consoles with their own data folders on one keychain removed each other’s secrets as orphans.',
    tests: [
      ['test/unit/profiles.test.ts', 'removes this folder’s keychain entries whose profile is gone, and leaves other folders’ alone'],
      ['test/unit/profiles.test.ts', 'keeps two folders’ secrets apart in one keychain'],
    ],
  },
  {
    area: 'Profiles and keychain',
    problem: 'A client certificate’s private key was judged by its PEM header text, so a key Node cannot read (or one behind a passphrase) was accepted.',
    tests: [['test/unit/profiles.test.ts', 'keeps a client certificate’s private key only when Node can read it, and says what to do otherwise']],
  },
  {
    area: 'Profiles and keychain',
    problem: 'Reading thousands of admins’ details read the password from the keychain once per request.',
    tests: [['test/integration/session.test.ts', 'reads the stored password for a sign-in and the work after it, not once per request']],
  },
  // Sign-in and passwords
  {
    area: 'Sign-in and passwords',
    problem: 'Without a keychain, a generated password was still the default, was reported “stored”, and after a restart nobody knew it.',
    tests: [
      ['test/integration/session.test.ts', 'shows a generated password once where no keychain can keep it, and says it is kept for this session only'],
      ['test/e2e/newUser.spec.ts', 'never calls a password kept in memory “stored”, and shows a generated one once'],
    ],
  },
  {
    area: 'Sign-in and passwords',
    problem: '“Try again” after SCM refused a password (-16) sent the same password again; nine clicks locked the account. `tcs-admin` in cron did the same.',
    tests: [
      ['test/integration/session.test.ts', 'is not sent again until it is entered anew, so retrying cannot lock the account'],
      ['test/integration/cli.test.ts', 'does not send a secret SCM refused before, as cron would until the account locks'],
    ],
  },
  {
    area: 'Sign-in and passwords',
    problem: 'A sign-in to a host that never answered held up sign-out and every other profile’s sign-in for minutes.',
    tests: [['test/integration/session.test.ts', 'never holds up a sign-in to another profile, nor a sign-out']],
  },
  {
    area: 'Sign-in and passwords',
    problem: '“SCM could not be reached” covered an unknown host name, a refused connection, a TLS failure and a timeout alike, with a handbook link to the wrong page.',
    tests: [
      ['test/integration/scmHostileServer.test.ts', 'says when the host name does not resolve, naming the host'],
      ['test/integration/scmHostileServer.test.ts', 'says when TLS cannot be set up: plain http on the https port'],
      ['test/integration/scmHostileServer.test.ts', 'says when SCM took too long to answer, apart from a broken connection'],
      ['test/integration/session.test.ts', 'is told apart: %s'],
    ],
  },
  // The SCM client
  {
    area: 'SCM client',
    problem: 'No overall deadline on an SCM answer: a server sending one byte a second held the command line past 420 s.',
    tests: [
      ['test/integration/scmHostileServer.test.ts', 'gives up on a server that sends one byte at a time, and closes its connection'],
      ['test/integration/scmHostileServer.test.ts', 'gives up on a token service that trickles its answer, naming it'],
    ],
  },
  {
    area: 'SCM client',
    problem: 'An answer of any size was read whole: a 512 MB body took 1.1 GB of memory before failing.',
    tests: [
      ['test/integration/scmHostileServer.test.ts', 'stops reading an answer as soon as it passes the cap, and closes the connection'],
      ['test/integration/scmHostileServer.test.ts', 'refuses an answer whose declared length passes the cap without reading its body'],
    ],
  },
  {
    area: 'SCM client',
    problem: 'An absurd `X-Total-Count` (1,000,000,000,000) built a page list until the process crashed.',
    tests: [['test/integration/scmPaging.test.ts', 'refuses an absurd count at once, without building anything in proportion to it']],
  },
  {
    area: 'SCM client',
    problem: 'An `X-Total-Count` lower than the truth silently dropped rows.',
    tests: [['test/integration/scmPaging.test.ts', 'keeps reading past a count one lower than the truth, so no row is dropped']],
  },
  {
    area: 'SCM client',
    problem: 'IdP and SAS admins, who have no login, made the whole admin list fail.',
    tests: [['test/integration/scmSparseRecords.test.ts', 'lists admins without a login, type, names or email, and names each one']],
  },
  {
    area: 'SCM client',
    problem: 'When a create’s answer was lost and the look for what it made failed too, the create was recorded as failed instead of to be checked before a repeat.',
    tests: [['test/integration/scmWrites.test.ts', 'keeps a lost answer’s outcome unknown when the look-up after it fails too']],
  },
  {
    area: 'SCM client',
    problem: 'A repeatable write (an update, a delete) whose first try was cut off after it was sent reported only the last try’s failure, as if nothing had been done.',
    tests: [['test/integration/scmHostileServer.test.ts', 'says a repeated write may already be done when an earlier try was cut off, whatever the last try met']],
  },
  {
    area: 'SCM client',
    problem: 'A downloaded chain that held no readable certificate, when downloaded for a certificate action, failed with the certificate parser’s own message.',
    tests: [['test/integration/scmSsl.test.ts', 'says in its own words when a downloaded chain holds no certificate it can read']],
  },
  {
    area: 'SCM client',
    problem: 'SCM’s -1021 on a change to an organization or department was read as “REST API off”.',
    tests: [['test/integration/cliOrgs.test.ts', 'reads SCM’s -1021 on a change to a unit as a refused change, not as the REST API being off']],
  },
  {
    area: 'SCM client',
    problem: 'A delete whose answer was lost was repeated and reported “not found”, although the first had done it.',
    tests: [[self, 'counts a delete whose answer was lost as done when its repeat finds the object gone']],
  },
  // Certificates
  {
    area: 'Certificates',
    problem: 'The inventory read from the list and each certificate’s details (where the report is not allowed) failed 3 runs of 3 under 20% faults, and could not be resumed.',
    tests: [
      ['test/integration/scmInventory.test.ts', 'completes with every row correct while a fifth of requests fail, run after run'],
      ['test/integration/scmInventory.test.ts', 'continues a cancelled run without reading any certificate twice, under faults'],
    ],
  },
  {
    area: 'Certificates',
    problem: 'A bulk revoke reported a certificate failed when SCM answered 503 for longer than one call’s tries.',
    tests: [[self, 'revokes a certificate in bulk through 503s that outlast one call’s tries']],
  },
  // Checklists
  {
    area: 'Checklists',
    problem: 'A stop just after a new API admin’s password was changed made the next attempt change it again.',
    tests: [['test/integration/checklists.test.ts', 'finds the password changed after a kill just after the console kept the new one']],
  },
  {
    area: 'Checklists',
    problem: 'The Secret Key step was always refused on an SCM from before admin type API.',
    tests: [['test/integration/checklists.variants.test.ts', 'makes the admin standard and then API-only as an action, and offers the Secret Key on the REST API checklist']],
  },
  {
    area: 'Checklists',
    problem: 'A create that reached SCM but ended failed left the run stuck, re-sending a create SCM refused every time.',
    tests: [['test/integration/checklists.test.ts', 'takes the admin made by the earlier attempt on the next one, with the password it was made with']],
  },
  {
    area: 'Checklists',
    problem: 'When a killed attempt’s create of the API admin reached SCM only after the restarted console had looked for the admin, the first password change failed for ever: the console kept another temporary password than the admin’s.',
    tests: [['test/reliability/crashResume.test.ts', 'sets a new temporary password when a killed create reaches SCM only after the restarted console looked for the admin']],
  },
  {
    area: 'Checklists',
    problem: 'On Node 24 the CAA check read every record’s tag as “type” (Node 24 adds `type: \'CAA\'` to each record), so no record named Sectigo.',
    tests: [['test/unit/checklist-domain-dcv-caa.test.ts', 'reads the tag beside the type Node 24 adds, and without it as Node 20 gives it']],
  },
  {
    area: 'Checklists',
    problem: 'A first certificate SCM had ordered was reported as failed when the read of its status just after the order failed, without saying the order was placed.',
    tests: [
      ['test/integration/checklist-firstCertificate.test.ts', 'calls an order placed when its status cannot be read just after, and leaves the approval step to check it'],
      ['test/reliability/workflowFaults.test.ts', 'orders ${sizes.enrolls} SSL certificates through the first-certificate checklist, answers cut off, each exactly once'],
    ],
  },
  // Storage
  {
    area: 'Storage',
    problem: 'The app could write its copy of a state file over a profile or checklist run the command line had just saved.',
    tests: [['test/unit/jsonDocument.test.ts', 'reads the file again when another process changed it, so neither overwrites what the other saved']],
  },
  {
    area: 'Storage',
    problem: 'Writes cut short by a kill left `.tmp` files that were never removed (34 after 50 kills).',
    tests: [
      ['test/unit/temporaryFiles.test.ts', 'removes what interrupted writes left, and keeps what a running process is writing'],
      ['test/unit/temporaryFiles.test.ts', 'are cleared from the data folder and the sandbox folder when the console starts'],
    ],
  },
  // Command line and start
  {
    area: 'Command line and start',
    problem: '`tcs-admin … | head` crashed with an EPIPE stack trace.',
    tests: [['test/integration/cli.test.ts', 'ends quietly with status 0 when stdout is closed after the first line, as under `| head -1`']],
  },
  {
    area: 'Command line and start',
    problem: '`npm start` ended in a stack trace where Electron’s binary could not be had.',
    tests: [['test/e2e/start.spec.ts', 'says in one line that there is no desktop window, and opens the same console in the browser']],
  },
  // The sandbox
  {
    area: 'Sandbox',
    problem: 'A password typed into the Sandbox profile’s change form was kept in plain text in the sandbox’s state file.',
    tests: [['test/sandbox/passwords.test.ts', 'keeps no typed password in its state file: not after a change, an admin created with one, or an update that sets one']],
  },
  {
    area: 'Sandbox',
    problem: 'The sandbox took `size` above 200 and returned everything, where SCM answers 400 with -1601.',
    tests: [['test/sandbox/paging.test.ts', 'refuses size above 200 on %s with 400 -1601, and takes 200']],
  },
  {
    area: 'Sandbox',
    problem: 'On a busy machine the sandbox’s clock issued a certificate between two steps of a test (“Certificate can’t be approved cause it has state = Issued”).',
    tests: [['test/sandbox/clock.test.ts', 'keeps an auto-approved certificate Applied until its clock passes the issue delay, however long that takes']],
  },
  {
    area: 'Sandbox',
    problem: 'A request still running when the built-in sandbox stopped could schedule one more write of its state, which the console’s exit cut off: a temporary copy of the state was left in the data folder.',
    tests: [['test/sandbox/variants.test.ts', 'writes its state a last time when stopped, and no more for a request that ends after']],
  },
  // The interface
  {
    area: 'Interface',
    problem: 'Add profile could move from under the pointer as the keychain notice loaded, so a click landed on the notice and was lost.',
    tests: [[self, 'shows nothing to press in Settings → Profiles before the list has loaded']],
  },
  {
    area: 'Interface',
    problem: 'A menu or list of results opening under a resting pointer (the profile menu, handbook search) took the choice from the arrow keys.',
    tests: [[self, 'lets only a moving pointer take the choice in a menu or list of results']],
  },
  {
    area: 'Interface',
    problem: 'The navigation sorted its entries by shortcut as text, which put About (Alt+0) first.',
    tests: [['test/e2e/shell.spec.ts', 'navigates between pages with the mouse and the keyboard']],
  },
  {
    area: 'Interface',
    problem: 'Each filter change on the Certificates page made a new date formatter for every cell and chart label, its biggest single cost.',
    tests: [[self, 'makes each date and number formatter once per locale, not once per cell']],
  },
  {
    area: 'Interface',
    problem: 'A form that main refused under the contract’s field names (`draft.email`) showed no message at all.',
    tests: [['test/e2e/admin-management.spec.ts', 'refuses enormous and empty input on its fields, from the keyboard, sending nothing']],
  },
  {
    area: 'Handbook',
    problem: 'A pasted word of thousands of letters froze handbook search.',
    tests: [['test/unit/handbookSearch.test.ts', 'takes enormous and odd input without trouble']],
  },
  // The test suite itself
  {
    area: 'Test suite',
    problem: 'The private test keychain could start a second, locked keychain on a busy machine, so the keychain tests ran without one.',
    tests: [[self, 'finds the keychain usable inside the private test keyring']],
  },
  {
    area: 'Test suite',
    problem: 'End-to-end files added profiles to the console other files shared, so the profile menu’s order depended on which file ran first.',
    tests: [[self, 'keeps every end-to-end file that adds profiles off the console the other files share']],
  },
];

// ---------------------------------------------------------------------------
// The keychain

/**
 * A stand-in for @napi-rs/keyring that keeps entries in memory, answers each
 * call after `answerAfter` (a real or fake timer), and counts calls in flight.
 */
function fakeKeyring(answerAfter: () => Promise<void>) {
  const entries = new Map<string, string>();
  const counts = { inFlight: 0, mostAtOnce: 0, calls: 0 };
  const track = async <T>(work: () => T): Promise<T> => {
    counts.calls += 1;
    counts.inFlight += 1;
    counts.mostAtOnce = Math.max(counts.mostAtOnce, counts.inFlight);
    try {
      await answerAfter();
      return work();
    } finally {
      counts.inFlight -= 1;
    }
  };
  class AsyncEntry {
    readonly #key: string;
    constructor(service: string, account: string) {
      this.#key = `${service}\u0000${account}`;
    }
    getPassword(): Promise<string | null> {
      return track(() => entries.get(this.#key) ?? null);
    }
    setPassword(value: string): Promise<void> {
      return track(() => void entries.set(this.#key, value));
    }
    deleteCredential(): Promise<boolean> {
      return track(() => entries.delete(this.#key));
    }
  }
  const findCredentialsAsync = (service: string) =>
    track(() => [...entries.entries()].filter(([key]) => key.startsWith(`${service}\u0000`)).map(([key, password]) => ({ account: key.split('\u0000')[1]!, password })));
  return { module: { AsyncEntry, findCredentialsAsync }, counts };
}

async function keychainModuleWith(fake: ReturnType<typeof fakeKeyring>) {
  vi.resetModules();
  vi.doMock('@napi-rs/keyring', () => fake.module);
  return import('../../src/main/credentials/keychain');
}

describe('the keychain', () => {
  afterEach(() => {
    vi.doUnmock('@napi-rs/keyring');
    vi.resetModules();
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('asks the keychain a few things at a time, however many are asked at once', async () => {
    const fake = fakeKeyring(() => new Promise((resolve) => setImmediate(resolve)));
    const { KeychainCredentialStore } = await keychainModuleWith(fake);
    const store = new KeychainCredentialStore({ service: 'TCS Admin Console regressions' });
    const ids = Array.from({ length: 300 }, (_, n) => `profile-${n}`);
    await Promise.all(ids.map((id) => store.set(id, 'password', `Secret-${id}-1!`)));
    const read = await Promise.all(ids.map((id) => store.get(id, 'password')));
    expect(read).toEqual(ids.map((id) => `Secret-${id}-1!`));
    expect(await store.list()).toHaveLength(300);
    expect(fake.counts.calls).toBe(601);
    // A thousand profiles must not mean a thousand connections to the keychain at once.
    expect(fake.counts.mostAtOnce).toBeGreaterThanOrEqual(1);
    expect(fake.counts.mostAtOnce).toBeLessThanOrEqual(4);
  });

  it('waits for a keychain that takes seconds to answer at start, instead of keeping secrets in memory only', async () => {
    vi.useFakeTimers();
    // Five seconds per answer: what a loaded machine's Secret Service was seen to take.
    const fake = fakeKeyring(() => new Promise((resolve) => setTimeout(resolve, 5_000)));
    const { probeKeychain: probe } = await keychainModuleWith(fake);
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', 'unix:path=/nonexistent/regressions-bus');
    let outcome: Awaited<ReturnType<typeof probe>> | undefined;
    void probe().then((answer) => (outcome = answer));
    // The probe writes, reads and deletes one entry: three answers, fifteen seconds on this clock.
    for (let second = 0; second < 60 && outcome === undefined; second++) await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toEqual({ usable: true });
    expect(fake.counts.calls).toBe(3);
  });
});

// ---------------------------------------------------------------------------
// Writes to SCM

describe('a delete whose answer was lost', () => {
  let tenant: SandboxHandle;
  let proxy: LossyProxy;
  const clients: ScmClient[] = [];

  beforeAll(async () => {
    tenant = await startSandbox({ certificates: 0, seed: 5 });
    proxy = await startProxy(tenant.url);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await proxy.close();
    await tenant.stop();
  });

  /** The console's client for a seeded admin, through the proxy that can lose an answer; retries without back-off waits. */
  function clientAs(login: string): ScmClient {
    const password = tenant.seededPassword(login)!;
    const client = new ScmClient({ baseUrl: proxy.url, auth: { kind: 'password', login, customerUri: tenant.customerUri, password: async () => password }, sleep: async () => undefined, random: () => 0.5 });
    clients.push(client);
    return client;
  }

  it('counts a delete whose answer was lost as done when its repeat finds the object gone', async () => {
    // An admin: SCM deletes it, the answer is lost, the client sends the delete again and meets 404.
    const client = clientAs('mrao');
    const writer = new AdminWriter(client, await readActor(client, 'mrao'));
    const target = tenant.store.adminByLogin('drao-physics')!;
    const name = (await new AdminsApi(client).get(target.id)).login!;
    proxy.rules.push({ method: 'DELETE', path: new RegExp(`^/api/admin/v1/${target.id}$`), times: 1, fate: 'lose-answer' });
    expect(await writer.delete(target.id, name)).toEqual({ name });
    expect(tenant.store.admins.has(target.id)).toBe(false);
    expect(proxy.seen.filter((seen) => seen === `DELETE /api/admin/v1/${target.id}`)).toHaveLength(2);

    // A notification rule, the same way.
    const rules = new NotificationWriter(client);
    const rule = (await rules.list())[0]!;
    proxy.rules.push({ method: 'DELETE', path: new RegExp(`^/api/notification/v1/${rule.id}$`), times: 1, fate: 'lose-answer' });
    expect(await rules.delete(rule.id, rule.description)).toEqual({ description: rule.description });
    expect((await rules.list()).some((candidate) => candidate.id === rule.id)).toBe(false);
    expect(proxy.seen.filter((seen) => seen === `DELETE /api/notification/v1/${rule.id}`)).toHaveLength(2);
  });
});

describe('a bulk revoke', () => {
  let core: ConsoleCore | undefined;

  afterAll(async () => {
    await core?.close();
  });

  async function call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
    const result = await core!.dispatch(channel, args);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as ValueOf<C>;
  }

  function ended(job: Job): Promise<Job> {
    return new Promise((resolve) => {
      const check = (seen: Job) => {
        if (seen.id === job.id && seen.state !== 'running') {
          stop();
          resolve(seen);
        }
      };
      const stop = core!.jobs.subscribe(check);
      const now = core!.jobs.get(job.id);
      if (now !== undefined) check(now);
    });
  }

  it('revokes a certificate in bulk through 503s that outlast one call’s tries', { timeout: 60_000 }, async () => {
    core = await createConsoleCore({
      userDataDir: await mkdtemp(join(tmpdir(), 'tcs-regressions-bulk-')),
      shell: 'browser',
      openInSystemBrowser: null,
      credentials: new MemoryCredentialStore(),
      sandbox: { certificates: 40, issueDelaySeconds: 0 },
      log: () => undefined,
    });
    await core.session.signIn('sandbox');
    expect((await ended(await call('jobs:start', { kind: 'certificates:load' }))).state).toBe('done');
    const window = await call('certificates:window', { filter: { kind: 'ssl', state: 'issued' }, sort: { column: 'commonName', desc: false }, offset: 0, limit: 1 });
    const key = window.rows[0]!.key;
    const plan = await call('certificates:plan', { action: 'revoke', selection: { keys: [key] }, options: { reasonCode: 4, reason: 'Superseded' } });
    expect(plan.counts).toMatchObject({ planned: 1 });
    const sandbox = await core.sandbox.ensure();
    // SCM down for a moment: one more 503 than a call tries (5), so only a second round gets through.
    sandbox.faults.refuseNextRequests = 6;
    expect((await ended(await call('jobs:start', { kind: 'certificates:bulk', planId: plan.planId }))).state).toBe('done');
    expect(sandbox.faults.refuseNextRequests).toBe(0);
    const result = await call('certificates:bulkGet', { planId: plan.planId });
    expect(result.counts).toMatchObject({ done: 1, failed: 0, unknown: 0 });
    expect(sandbox.store.ssl.get(Number(key.slice(4)))?.status).toBe('Revoked');
  });
});

// ---------------------------------------------------------------------------
// The interface

/** The renderer's source files, as [path from the root, text]. */
function rendererSources(): [string, string][] {
  const base = join(root, 'src', 'renderer', 'src');
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.tsx?$/.test(path))
    .map((path) => [`src/renderer/src/${path.replaceAll('\\', '/')}`, readFileSync(join(base, path), 'utf8')]);
}

/**
 * Renderer modules, imported as the browser would run them but with only what
 * they touch of one: `window.api` never answers, the language is English. The
 * specifier is built at run time, so the type check of these node-side tests
 * does not walk into the renderer's DOM and JSX types.
 */
async function rendererModule<T>(path: string): Promise<T> {
  const specifier = `../../src/renderer/src/${path}`;
  return (await import(/* @vite-ignore */ specifier)) as T;
}

describe('the interface', () => {
  beforeAll(() => {
    vi.stubGlobal('window', { api: new Proxy({}, { get: () => () => new Promise(() => undefined) }) });
    vi.stubGlobal('document', { documentElement: {} });
    vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
  });

  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('shows nothing to press in Settings → Profiles before the list has loaded', async () => {
    vi.doMock('@tanstack/react-router', () => ({ useNavigate: () => () => undefined }));
    try {
      const { startI18n } = await rendererModule<{ startI18n: () => unknown }>('lib/i18n.ts');
      startI18n();
      const { ProfilesSection } = await rendererModule<{ ProfilesSection: (props: { openId: string | undefined }) => unknown }>('features/settings/ProfilesSection.tsx');
      const { createElement } = await import('react');
      const { renderToStaticMarkup } = await import('react-dom/server');
      // The first paint, before main has listed the profiles: the keychain notice that comes with the list
      // would push the buttons down under a pointer already on its way to them.
      const html = renderToStaticMarkup(createElement(ProfilesSection as never, { openId: undefined }));
      expect(html).toContain('Loading…');
      const toolbar = /<div class="toolbar"([^>]*)>([\s\S]*?)<\/div>/.exec(html);
      expect(toolbar?.[2]).toContain('Add profile');
      expect(toolbar?.[1]).toMatch(/\bhidden=""/);
      expect(html).not.toContain('No keychain');
      expect(html.replace(toolbar![0], '')).not.toMatch(/<button[^>]*class="primary"/);
    } finally {
      vi.doUnmock('@tanstack/react-router');
    }
  });

  it('lets only a moving pointer take the choice in a menu or list of results', () => {
    const menus = rendererSources().filter(([, text]) => /role="(option|menuitem|menuitemradio)"/.test(text));
    expect(menus.map(([path]) => path).sort()).toEqual(expect.arrayContaining(['src/renderer/src/features/handbook/SearchDialog.tsx', 'src/renderer/src/features/session/ProfileSwitcher.tsx']));
    for (const [path, text] of menus) {
      // Hover events come when a menu appears under a still pointer, so none may choose.
      expect(text, path).not.toMatch(/\bon(Mouse|Pointer)(Enter|Over)=/);
      // A pointer move chooses only after comparing where the pointer is with where it was.
      if (/\bonPointerMove=/.test(text)) {
        expect(text, path).toMatch(/\.x !== event\.clientX|\.x === event\.clientX/);
        expect(text, path).toMatch(/=\s*\{\s*x:\s*event\.clientX,\s*y:\s*event\.clientY\s*\}/);
      }
    }
  });

  it('makes each date and number formatter once per locale, not once per cell', async () => {
    const made = { date: 0, number: 0 };
    const { DateTimeFormat, NumberFormat } = Intl;
    const counting = <T extends object>(Original: T, kind: keyof typeof made): T =>
      new Proxy(Original as T & (new (...args: unknown[]) => object), {
        construct(target, args) {
          made[kind] += 1;
          return new target(...args);
        },
        apply(target, thisArg, args) {
          made[kind] += 1;
          return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, thisArg, args) as object;
        },
      });
    Object.defineProperty(Intl, 'DateTimeFormat', { value: counting(DateTimeFormat, 'date'), configurable: true, writable: true });
    Object.defineProperty(Intl, 'NumberFormat', { value: counting(NumberFormat, 'number'), configurable: true, writable: true });
    try {
      const format = await rendererModule<{
        formatDate(value: string): string;
        formatDateTime(value: string): string;
        formatNumber(value: number): string;
        dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat;
      }>('lib/format.ts');
      // A table's worth of cells: days, moments and counts.
      for (let row = 0; row < 500; row++) {
        const day = new Date(Date.UTC(2026, 0, 1) + row * 86_400_000).toISOString().slice(0, 10);
        expect(format.formatDate(day)).not.toBe('');
        expect(format.formatDate(`${day}T12:00:00Z`)).not.toBe('');
        expect(format.formatDateTime(`${day}T12:00:00Z`)).not.toBe('');
        expect(format.dateFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))).not.toBe('');
        expect(format.formatNumber(row * 1_000)).not.toBe('');
      }
      // One formatter per kind of date (an ISO day, a moment, with the time, a chart label) and one for numbers.
      expect(made.date).toBeLessThanOrEqual(4);
      expect(made.number).toBeLessThanOrEqual(1);
    } finally {
      Object.defineProperty(Intl, 'DateTimeFormat', { value: DateTimeFormat, configurable: true, writable: true });
      Object.defineProperty(Intl, 'NumberFormat', { value: NumberFormat, configurable: true, writable: true });
    }
    // And no page makes its own: every date and number goes through those kept formatters.
    const ownFormatters = rendererSources()
      .filter(([path]) => path !== 'src/renderer/src/lib/format.ts')
      .flatMap(([path, text]) => (/new Intl\.(DateTimeFormat|NumberFormat)\b|\.toLocale(Date|Time)String\(/.test(text) ? [path] : []));
    expect(ownFormatters).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// The test suite itself

describe('the test suite', () => {
  it.skipIf(process.env.TCS_KEYRING_SESSION !== '1')('finds the keychain usable inside the private test keyring', async () => {
    // Inside scripts/keyring-session.mjs the private keyring must answer, unlocked; a second, locked daemon
    // started by D-Bus would make every keychain test skip without a word.
    expect(await probeKeychain()).toEqual({ usable: true });
  });

  it('keeps every end-to-end file that adds profiles off the console the other files share', () => {
    const folder = join(root, 'test', 'e2e');
    const specs = readdirSync(folder).filter((name) => name.endsWith('.spec.ts'));
    const offenders: string[] = [];
    let adding = 0;
    for (const name of specs) {
      const text = readFileSync(join(folder, name), 'utf8');
      if (!/addProfile(AndSignIn)?\(|'Add profile'|profiles:create/.test(text)) continue;
      adding += 1;
      // The `test` fixture's `server` is one console per worker, shared by every file that uses it.
      const importsSharedTest = /import\s*\{[^}]*\btest\b(?!\w)(?!\s+as\b)[^}]*\}\s*from\s*'\.\/fixtures'/.test(text) && !/testWithoutKeychain\s+as\s+test/.test(text);
      const usesWorkerServer = /\(\s*\{[^}]*\bserver\b[^}]*\}\s*(,[^)]*)?\)\s*=>/.test(text);
      if (importsSharedTest && usesWorkerServer) offenders.push(name);
    }
    expect(adding).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// The list itself

describe('problems found before', () => {
  it('each has a test that would catch it, and every test named is still there', () => {
    const missing: string[] = [];
    let covered = 0;
    for (const regression of regressions) {
      expect(regression.tests.length, regression.problem).toBeGreaterThan(0);
      const absent = regression.tests.filter(([file, name]) => {
        const path = join(root, file);
        if (!existsSync(path)) return true;
        const text = readFileSync(path, 'utf8');
        // Declared as a test: `it('…'`, `test('…'`, `it.each(…)('…'`; not merely named, as in this list.
        return ![`('${name}'`, `("${name}"`, `(\`${name}\``].some((declared) => text.includes(declared));
      });
      if (absent.length === 0) covered += 1;
      else missing.push(`${regression.problem} → ${absent.map(([file, name]) => `${file} › ${name}`).join('; ')}`);
    }
    const total = regressions.length;
    expect(missing).toEqual([]);
    expect(new Set(regressions.map((regression) => regression.problem)).size).toBe(total);
    recordFigure({ suite: 'Problems found before', name: 'with a test that would catch them', value: covered, unit: `of ${total}`, goal: 'all', met: covered === total });
  });
});
