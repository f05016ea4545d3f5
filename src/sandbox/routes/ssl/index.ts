import type { Route } from '../../context';
import { sslCollectRoutes } from './collect';
import { sslDcvRoutes } from './dcv';
import { sslDetailsRoutes } from './details';
import { sslEnrollmentRoutes } from './enrollment';
import { sslImportRoutes } from './import';
import { sslLifecycleRoutes } from './lifecycle';
import { sslListingRoutes } from './listing';
import { sslRevocationRoutes } from './revocation';

/*
 * The SSL certificate API (/api/ssl/v1) and the SSL certificate report.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - An unknown or out-of-scope sslId is 404 -5101 on every route that takes one.
 * - EV certificates are never approved automatically: another admin must approve them (-1140 for the requester).
 * - A replacement is a new certificate; the replaced one stays Issued until the replacement is issued,
 *   then becomes Replaced.
 * - Collect of a Declined, Rejected or Invalid certificate, which will never be issued, answers -130.
 * - Names are checked against the most specific registered domain that covers them; that domain must be
 *   active, delegated (ACTIVE, for SSL) to the organization or its parent, and validated (coverage.ts).
 *
 * One module per concept: enrollment and approval, the list and report, changes, renewal and replacement
 * (lifecycle), collect, revocation, per-certificate DCV, the details view, import.
 */

export const sslRoutes: Route[] = [
  ...sslEnrollmentRoutes,
  ...sslListingRoutes,
  ...sslLifecycleRoutes,
  ...sslCollectRoutes,
  ...sslRevocationRoutes,
  ...sslDcvRoutes,
  ...sslDetailsRoutes,
  ...sslImportRoutes,
];
