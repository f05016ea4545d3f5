import type { Route } from '../../context';
import { smimeCollectRoutes } from './collect';
import { smimeDetailsRoutes } from './details';
import { smimeEnrollmentRoutes } from './enrollment';
import { smimeImportRoutes } from './import';
import { smimeLifecycleRoutes } from './lifecycle';
import { smimeListingRoutes } from './listing';
import { smimeRevocationRoutes } from './revocation';

/*
 * The client (S/MIME) certificate API (/api/smime/v1 and v2) and the client certificate report.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - A certificate is found by its numeric id (details, update, delete) or by its backendCertId (collect,
 *   renew, replace, revoke). An id or backendCertId that names no certificate the caller can see is
 *   404 -5101; a backendCertId that is not a number at all is 400 -1104 "Invalid order number".
 * - A person may hold at most five client certificates that are requested or valid; a sixth enroll or renewal
 *   answers -188.
 * - The email's domain must be the most specific registered domain covering it (or a parent of it), active,
 *   delegated for SMIME to the organization or its parent, and validated (-1010, -107, -1137, as for SSL names;
 *   coverage.ts).
 * - Enroll creates the person when no person has the email; an existing person is used as it is.
 * - Renewal needs the clientCertRequest privilege and keeps the old certificate valid; replacement revokes
 *   the old certificate (reason superseded) unless asked not to. Either refuses a certificate that was never
 *   issued with -105.
 * - Collect of a rejected certificate always answers -183, whatever the pending code: it will never be issued.
 * - An unknown collect format is -1450. Collect leaves the state as it is ("downloaded" is deprecated).
 * - Update and delete need clientCertManage; only imported or discovered certificates can be deleted (-3).
 * - Imports, like every other certificate change, are refused on a read-only tenant.
 * - The client certificate report's rows follow the SSL report's, with the holder's personId, email and names.
 *   Its certificateStatus 2 (enrolled, downloaded) means issued, 5 (enrolled, pending download) requested,
 *   6 (not enrolled) blank, created or rejected; its certificateDateAttribute 0 is the request date,
 *   1 the issue date, 2 the revocation date, 3 the expiry date.
 *
 * One module per concept: enrollment, collect, revocation, the details view, renewal, replacement and
 * changes (lifecycle), the list and report, import.
 */

export const smimeRoutes: Route[] = [
  ...smimeEnrollmentRoutes,
  ...smimeCollectRoutes,
  ...smimeRevocationRoutes,
  ...smimeDetailsRoutes,
  ...smimeLifecycleRoutes,
  ...smimeListingRoutes,
  ...smimeImportRoutes,
];
