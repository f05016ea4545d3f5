import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions } from './index';

const usage = `Usage: npm run sandbox -- [options]

Starts an SCM sandbox on 127.0.0.1: a simulator of the Sectigo Certificate Manager
REST API with a seeded institution. Its passwords are fake and fixed per seed; a
password changed through the API is kept only as a salted hash, and no longer shown.

Options:
  --port N                       listen on port N (default: a free port)
  --seed N                       seed for the generated data (default 1)
  --certificates N               SSL certificates to seed (default 300); client (S/MIME)
                                 certificates grow with them: about one for every ten, at least
                                 about 30
  --admins N                     admins to seed in all (default: the practice roster of 13, three
                                 of them IdP and SAS admins without a login); the rest are spread
                                 over every type, role, organization and department, some suspended,
                                 some without a login, some with passwords expired or expiring
                                 soon; their passwords are not known
  --notifications N              notification rules to seed in all (default: the two every seed
                                 has); the rest cover every type, organization and recipient kind
  --latency MS                   delay added to every response
  --fault-rate R                 share of requests that fail (500/502/503 or a reset), 0 to 1
  --timeout-rate R               share of requests that are never answered, 0 to 1
  --rate-limit N                 requests per second per login before 429 (default: none)
  --issue-delay S                seconds from Applied to Issued (default 2)
  --first-login-change MODE      required (default) or none: must a new admin change the temporary password first
  --legacy-admin-types           behave like SCM before admin type API (wsApiUseOnly instead)
  --read-only                    a tenant after end of service: reads only
  --unknown-customer CODE        -16 (default, 401) or -410 (400) for an unknown customerUri
  --ssl-pending-code CODE        0 (default), -1400 or -109 for SSL collect before issuance
  --smime-pending-code CODE      -183 (default), -1400 or -109 for S/MIME collect before issuance
  --state FILE                   keep state in FILE across restarts (default: in memory);
                                 passwords are kept there as salted hashes
  --tls                          serve https with a certificate from the sandbox CA and accept
                                 admin client certificates on /private/api (writes the CA to
                                 sandbox-ca.pem in the current folder for clients to trust)
  --token-lifetime S             lifetime of the OAuth2 bearer tokens (default 300)
  -h, --help                     show this help`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) fail(`${flag} needs a number, not "${value}".`);
  return parsed;
}

function oneOf<T extends number>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  const parsed = number(value, flag);
  if (parsed === undefined) return undefined;
  if (!allowed.includes(parsed as T)) fail(`${flag} must be one of ${allowed.join(', ')}.`);
  return parsed as T;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        certificates: { type: 'string' },
        admins: { type: 'string' },
        notifications: { type: 'string' },
        latency: { type: 'string' },
        'fault-rate': { type: 'string' },
        'timeout-rate': { type: 'string' },
        'rate-limit': { type: 'string' },
        'issue-delay': { type: 'string' },
        'first-login-change': { type: 'string' },
        'legacy-admin-types': { type: 'boolean' },
        'read-only': { type: 'boolean' },
        'unknown-customer': { type: 'string' },
        'ssl-pending-code': { type: 'string' },
        'smime-pending-code': { type: 'string' },
        state: { type: 'string' },
        tls: { type: 'boolean' },
        'token-lifetime': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
      allowNegative: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const text = (name: string) => values[name] as string | undefined;
  const firstLogin = text('first-login-change');
  if (firstLogin !== undefined && firstLogin !== 'required' && firstLogin !== 'none') fail('--first-login-change must be required or none.');
  const options: SandboxOptions = {
    port: number(text('port'), '--port'),
    seed: number(text('seed'), '--seed'),
    certificates: number(text('certificates'), '--certificates'),
    admins: number(text('admins'), '--admins'),
    notifications: number(text('notifications'), '--notifications'),
    latencyMs: number(text('latency'), '--latency'),
    faultRate: number(text('fault-rate'), '--fault-rate'),
    timeoutRate: number(text('timeout-rate'), '--timeout-rate'),
    rateLimit: number(text('rate-limit'), '--rate-limit'),
    issueDelaySeconds: number(text('issue-delay'), '--issue-delay'),
    firstLoginChange: firstLogin as SandboxOptions['firstLoginChange'],
    legacyAdminTypes: values['legacy-admin-types'] === true,
    readOnly: values['read-only'] === true,
    unknownCustomerCode: oneOf(text('unknown-customer'), '--unknown-customer', [-16, -410] as const),
    sslPendingCode: oneOf(text('ssl-pending-code'), '--ssl-pending-code', [0, -1400, -109] as const),
    smimePendingCode: oneOf(text('smime-pending-code'), '--smime-pending-code', [-183, -1400, -109] as const),
    stateFile: text('state'),
    tls: values.tls === true,
    tokenLifetimeSeconds: number(text('token-lifetime'), '--token-lifetime'),
  };
  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `Port ${options.port} is already in use.` : error instanceof Error ? error.message : String(error));
  }
  const out = process.stdout;
  out.write(`SCM sandbox running at ${sandbox.url}\n`);
  out.write(`  base URL     ${sandbox.url}/api\n`);
  out.write(`  customerUri  ${sandbox.customerUri}\n`);
  out.write(`  certificates ${sandbox.store.ssl.size} SSL, ${sandbox.store.smime.size} S/MIME\n`);
  const admins = [...sandbox.store.admins.values()];
  out.write(`  admins       ${admins.length}, ${admins.filter((admin) => admin.login === null).length} of them without a login (IdP and SAS)\n`);
  out.write(`  notifications ${sandbox.store.notifications.size} rules\n`);
  out.write('  logins (sandbox passwords, fake and fixed for this seed):\n');
  const practice = sandbox.practiceLogins;
  const width = Math.max(...practice.map((login) => login.login.length));
  const passwordWidth = Math.max(...sandbox.logins.map((login) => login.password.length), 0);
  for (const login of practice) {
    // A password someone changed, or set for an admin they created, is kept only as a hash, so it cannot be shown.
    const password = sandbox.seededPassword(login.login) ?? (login.seeded ? '(changed)' : '(not seeded)');
    out.write(`    ${login.login.padEnd(width)}  ${password.padEnd(passwordWidth)}  ${login.description}\n`);
  }
  const client = sandbox.oauthClients[0];
  if (client !== undefined) {
    out.write(`  OAuth2 client ${client.clientId}  ${client.clientSecret}  (acts as ${client.login})\n`);
    out.write(`  token URL    ${sandbox.tokenUrl}\n`);
  }
  if (options.tls === true) {
    await writeFile('sandbox-ca.pem', sandbox.caCertificate);
    out.write('  CA to trust  sandbox-ca.pem (written to the current folder)\n');
  }
  out.write('Stop with Ctrl+C.\n');
  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
