import { z } from 'zod';
import type { ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';

/** What the admin must do to prove control of a domain, by method. */
export type DcvInstructions =
  | { method: 'CNAME'; host: string; point: string }
  | { method: 'HTTP' | 'HTTPS'; url: string; firstLine: string; secondLine: string }
  | { method: 'EMAIL'; emails: string[] };

export interface DcvStatus {
  status: string;
  orderStatus: string;
  method: string | null;
  validated: string | null;
  expires: string | null;
  /** What was asked of the admin, when an order is under way. */
  host: string | null;
  point: string | null;
  url: string | null;
  email: string | null;
}

export interface DcvSubmission {
  status: string;
  orderStatus: string;
  /** For TXT: the record to publish. */
  host: string | null;
  point: string | null;
}

const statusWire = z.looseObject({
  status: z.string().nullish(),
  orderStatus: z.string().nullish(),
  orderMode: z.string().nullish(),
  validationDate: z.string().nullish(),
  expirationDate: z.string().nullish(),
  host: z.string().nullish(),
  point: z.string().nullish(),
  url: z.string().nullish(),
  validationEmail: z.string().nullish(),
});
const submitWire = z.looseObject({ status: z.string().nullish(), orderStatus: z.string().nullish(), host: z.string().nullish(), point: z.string().nullish() });

function domainOf(name: string): string {
  const domain = name.trim().toLowerCase().replace(/\.$/, '');
  if (domain.length < 3 || domain.length > 255 || !domain.includes('.')) throw new ScmClientError({ kind: 'validation', message: `“${name}” is not a domain name.` });
  return domain;
}

/**
 * Domain control validation (`/api/dcv/v2/validation`). Starting and
 * submitting are POSTs, but repeating one only restarts the same order, so
 * they are sent as safe to retry; clearing is needed before a new method.
 */
export class DcvApi {
  constructor(private readonly client: ScmClient) {}

  #post<T>(action: string, body: Record<string, unknown>, schema: z.ZodType<T>, operation: string): Promise<T> {
    return this.client.json({ method: 'POST', path: `/api/dcv/v2/validation/${action}`, body, idempotent: true, operation }, schema);
  }

  /** Starts an order and says what to publish: a CNAME record, a file, or which addresses may receive the mail. */
  async start(domainName: string, method: 'CNAME' | 'HTTP' | 'HTTPS' | 'EMAIL'): Promise<DcvInstructions> {
    const domain = domainOf(domainName);
    const operation = `start validating ${domain} by ${method}`;
    switch (method) {
      case 'CNAME': {
        const row = await this.#post('start/domain/cname', { domain }, z.looseObject({ host: z.string(), point: z.string() }), operation);
        return { method, host: row.host, point: row.point };
      }
      case 'HTTP':
      case 'HTTPS': {
        const row = await this.#post(`start/domain/${method.toLowerCase()}`, { domain }, z.looseObject({ url: z.string(), firstLine: z.string(), secondLine: z.string().nullish() }), operation);
        return { method, url: row.url, firstLine: row.firstLine, secondLine: row.secondLine ?? '' };
      }
      case 'EMAIL': {
        const row = await this.#post('start/domain/email', { domain }, z.looseObject({ emails: z.array(z.string()) }), operation);
        return { method, emails: row.emails };
      }
    }
  }

  /** Asks Sectigo to check: after publishing what `start` gave, or at once for TXT (the answer holds the record) and email. */
  async submit(domainName: string, method: 'CNAME' | 'HTTP' | 'HTTPS' | 'TXT' | 'EMAIL', email?: string): Promise<DcvSubmission> {
    const domain = domainOf(domainName);
    if (method === 'EMAIL' && (email === undefined || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) {
      throw new ScmClientError({ kind: 'validation', message: 'Email validation needs one of the addresses that start offered.' });
    }
    const row = await this.#post(`submit/domain/${method.toLowerCase()}`, { domain, ...(method === 'EMAIL' ? { email } : {}) }, submitWire, `submit the validation of ${domain} by ${method}`);
    return { status: row.status ?? '', orderStatus: row.orderStatus ?? '', host: row.host ?? null, point: row.point ?? null };
  }

  async status(domainName: string): Promise<DcvStatus> {
    const domain = domainOf(domainName);
    const row = await this.#post('status', { domain }, statusWire, `read the validation of ${domain}`);
    return {
      status: row.status ?? '',
      orderStatus: row.orderStatus ?? 'NOT_INITIATED',
      method: row.orderMode ?? null,
      validated: isoDate(row.validationDate),
      expires: isoDate(row.expirationDate),
      host: row.host ?? null,
      point: row.point ?? null,
      url: row.url ?? null,
      email: row.validationEmail ?? null,
    };
  }

  /** Asks Sectigo to check a submitted order again now. */
  async sync(domainName: string): Promise<DcvStatus> {
    const domain = domainOf(domainName);
    await this.#post('sync', { domain }, statusWire, `check the validation of ${domain} again`);
    return this.status(domain);
  }

  /** Drops the current order and keeps the validation, so another method can be tried. */
  async clear(domainName: string): Promise<void> {
    const domain = domainOf(domainName);
    await this.#post('clear', { domain }, z.unknown(), `clear the validation order of ${domain}`);
  }
}
