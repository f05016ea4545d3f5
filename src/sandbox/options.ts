import { maxAdmins } from './manyAdmins';
import { maxNotificationRules } from './manyNotifications';

/** How a sandbox behaves; every choice the SCM reference leaves open is one of these. */
export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  seed?: number;
  /**
   * SSL certificates to seed; 300 unless told. Client (S/MIME) certificates
   * grow with them: they go to `clientCertificatePersons(certificates)` persons,
   * max(30, certificates / 10) rounded, each with none, one or two, so about one
   * client certificate for every ten SSL certificates, and about 30 at 300 or
   * fewer (about 2,000 at 20,000 and 10,000 at 100,000). From 50 SSL
   * certificates (20 client certificates) up, every SSL status and every kind of
   * certificate a certificates page shows is among them (see inventorySeed.ts).
   */
  certificates?: number;
  /**
   * Admins to seed in all: the practice roster, then as many more as it takes,
   * spread over every type, role and organization. Unset: the roster alone.
   */
  admins?: number;
  /**
   * Notification rules to seed in all: the two every seed has (SSL expiring in
   * 30 days, new admins), then as many more as it takes, over every type an
   * admin is offered, every kind of organization coverage and recipient. Unset:
   * the two alone.
   */
  notifications?: number;
  /** Added to every response. */
  latencyMs?: number;
  /** Share of requests answered 500, 502 or 503, or whose connection is reset after the work is done. */
  faultRate?: number;
  /** Share of requests whose work is done but that are never answered. */
  timeoutRate?: number;
  /** Requests per second per login before 429; 0 for no limit. */
  rateLimit?: number;
  /** Seconds from Applied to Issued. */
  issueDelaySeconds?: number;
  /** Whether a new admin must change the temporary password before using the API. */
  firstLoginChange?: 'required' | 'none';
  /** Before admin type API existed: `type: "API"` is refused and `wsApiUseOnly` is a privilege. */
  legacyAdminTypes?: boolean;
  /** A tenant after end of service: reads work, certificate changes are refused. */
  readOnly?: boolean;
  /** Keep state in this file across restarts. */
  stateFile?: string;
  /** The code for an unknown customerUri: -16 (401) or -410 (400). */
  unknownCustomerCode?: -16 | -410;
  /** The code SSL collect answers while a certificate is not issued yet. */
  sslPendingCode?: 0 | -1400 | -109;
  /** The code S/MIME collect answers while a certificate is not issued yet. */
  smimePendingCode?: -183 | -1400 | -109;
  /** Serve https with a certificate from the sandbox CA, and accept client certificates on `/private`. */
  tls?: boolean;
  /** Lifetime of the OAuth2 bearer tokens the sandbox issues. */
  tokenLifetimeSeconds?: number;
  /**
   * The sandbox's clock (milliseconds since the epoch), which decides when a
   * delay has passed; tests pass a `ManualClock`'s `now` to move it themselves.
   */
  now?: () => number;
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'stateFile' | 'now' | 'admins' | 'notifications'>> & {
  stateFile: string | undefined;
  admins: number | undefined;
  notifications: number | undefined;
  now: () => number;
};

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const rate = (value: number | undefined, name: string) => {
    const resolved = value ?? 0;
    if (!(resolved >= 0 && resolved <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
    return resolved;
  };
  const whole = (value: number | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER) => {
    const resolved = value ?? fallback;
    if (!Number.isInteger(resolved) || resolved < 0 || resolved > max) throw new RangeError(`${name} must be a whole number from 0 to ${max}`);
    return resolved;
  };
  return {
    port: whole(options.port, 0, 'port', 65535),
    seed: whole(options.seed, 1, 'seed', 2 ** 31),
    certificates: whole(options.certificates, 300, 'certificates', 1_000_000),
    admins: options.admins === undefined ? undefined : whole(options.admins, 0, 'admins', maxAdmins),
    notifications: options.notifications === undefined ? undefined : whole(options.notifications, 0, 'notifications', maxNotificationRules),
    latencyMs: whole(options.latencyMs, 0, 'latency', 600_000),
    faultRate: rate(options.faultRate, 'fault rate'),
    timeoutRate: rate(options.timeoutRate, 'timeout rate'),
    rateLimit: whole(options.rateLimit, 0, 'rate limit'),
    issueDelaySeconds: (() => {
      const value = options.issueDelaySeconds ?? 2;
      if (!(value >= 0 && value <= 86_400)) throw new RangeError('issue delay must be between 0 and 86400 seconds');
      return value;
    })(),
    firstLoginChange: options.firstLoginChange ?? 'required',
    legacyAdminTypes: options.legacyAdminTypes ?? false,
    readOnly: options.readOnly ?? false,
    stateFile: options.stateFile,
    unknownCustomerCode: options.unknownCustomerCode ?? -16,
    sslPendingCode: options.sslPendingCode ?? 0,
    smimePendingCode: options.smimePendingCode ?? -183,
    tls: options.tls ?? false,
    tokenLifetimeSeconds: whole(options.tokenLifetimeSeconds, 300, 'token lifetime', 86_400),
    now: options.now ?? Date.now,
  };
}
