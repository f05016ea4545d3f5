import type { ErrorKind } from './result';

/**
 * What each SCM error code means to a person, by code. SCM's own description
 * travels beside it; this adds the kind (what the user can do about it) and a
 * next step. The handbook has an entry for every code here (`errors#scm-<n>`),
 * which the build checks. Some codes mean different things in different
 * places; the text here covers them all and the description tells them apart.
 */
export interface ScmErrorEntry {
  kind: ErrorKind;
  /** What it means, in a sentence. */
  meaning: string;
  /** What to do next. */
  hint: string;
}

const validation = (meaning: string, hint: string): ScmErrorEntry => ({ kind: 'validation', meaning, hint });
const permission = (meaning: string, hint: string): ScmErrorEntry => ({ kind: 'permission', meaning, hint });
const notFound = (meaning: string, hint: string): ScmErrorEntry => ({ kind: 'not-found', meaning, hint });
const pending = (meaning: string): ScmErrorEntry => ({ kind: 'pending', meaning, hint: 'Wait and try again; the console retries by itself where it can.' });
const unavailable = (meaning: string): ScmErrorEntry => ({
  kind: 'unavailable',
  meaning,
  hint: 'Try again in a few minutes. If it persists, Sectigo support can see what failed.',
});

const csrProblem = validation('SCM could not accept the CSR (its encoding, algorithm or key size).', 'Make a new key and CSR with an allowed key type and size, and enroll again.');
const roleProblem = validation('The roles and organizations given to the admin do not fit together.', 'Give each role one organization (RAO) or department (DRAO), all on the same level.');
const passwordRule = validation('The new password breaks the tenant’s password rules.', 'Choose a longer password that does not contain the login, and try again.');

export const scmErrorCatalogue: Readonly<Record<number, ScmErrorEntry>> = {
  0: pending('Sectigo is still processing the certificate.'),
  [-1]: unavailable('SCM failed without saying why.'),
  [-2]: unavailable('SCM had an internal error.'),
  [-3]: permission('This admin is not allowed to do this (or the tenant accepts no changes).', 'Ask an RAO or MRAO for the privilege, or check whether the tenant is read-only.'),
  [-7]: validation('A required field was missing.', 'Fill in the field the description names and try again.'),
  [-9]: validation('The CSR is not valid Base64, or the notification type is unknown.', 'Paste the whole PEM CSR, or choose a notification type SCM lists.'),
  [-10]: csrProblem,
  [-11]: csrProblem,
  [-13]: csrProblem,
  [-14]: unavailable('SCM failed without saying why.'),
  [-16]: { kind: 'auth', meaning: 'SCM did not accept the sign-in: wrong login or password, a locked, expired or IdP-only admin, or an unknown customerUri.', hint: 'Check the login, password and customerUri; the console tells which of these it is where it can.' },
  [-25]: permission('This admin is not allowed to do this.', 'Ask an RAO or MRAO for the privilege.'),
  [-35]: validation('The legacy server type is not valid.', 'Leave the server type out.'),
  [-36]: validation('The term is not one the certificate profile offers.', 'Pick one of the profile’s terms.'),
  [-37]: permission('Access was denied.', 'Check the admin’s roles and the organizations in its scope.'),
  [-39]: validation('The certificate profile is not valid for this request.', 'Pick a profile offered to the organization.'),
  [-62]: validation('A mandatory custom field is missing, or an IP address is not valid.', 'Fill in every mandatory custom field.'),
  [-102]: validation('Only issued certificates can be revoked.', 'Check the certificate’s state; decline a request instead of revoking it.'),
  [-103]: pending('The certificate has not been collected yet.'),
  [-105]: notFound('The person was not found, or the renewal failed.', 'Check the email address, or the certificate’s state before renewing.'),
  [-107]: validation('Domain control validation is incomplete or expired for a name in the request.', 'Validate the domain again, then enroll.'),
  [-109]: pending('The certificate is not available yet.'),
  [-110]: validation('The certificate was revoked and cannot be downloaded.', 'Enroll a new certificate.'),
  [-111]: validation('No certificate profile has that id.', 'Pick a profile SCM lists for the organization.'),
  [-124]: notFound('No SSL certificate has that id.', 'Check the id; it may be outside this admin’s scope.'),
  [-126]: validation('SCM does not know that download format.', 'Choose one of the listed formats.'),
  [-130]: validation('The certificate is not issued.', 'Wait for issuance, or act according to its state.'),
  [-138]: csrProblem,
  [-141]: csrProblem,
  [-159]: validation('The certificate is already revoked.', 'Nothing more to do; refresh the view.'),
  [-170]: validation('The profile does not take EC keys.', 'Make an RSA key and CSR.'),
  [-172]: validation('The client certificate profile is not valid.', 'Pick a client certificate profile offered to the organization.'),
  [-180]: validation('The certificate profile does not allow renewal.', 'Enroll a new certificate instead.'),
  [-183]: pending('The client certificate is not collectable yet.'),
  [-188]: validation('The person already has the most valid certificates allowed.', 'Revoke one they no longer use, then enroll.'),
  [-192]: validation('The certificate has been revoked.', 'Enroll a new certificate.'),
  [-194]: csrProblem,
  [-195]: unavailable('The certificate authority is not available now.'),
  [-213]: validation('The old password is not correct.', 'Type the current password again.'),
  [-219]: roleProblem,
  [-220]: roleProblem,
  [-221]: validation('Each role needs an organization or department.', 'Choose the organization (RAO) or department (DRAO) for each role.'),
  [-222]: validation('All of an admin’s roles must be on the same level.', 'Make the admin either RAO or DRAO; create two admins if you need both.'),
  [-223]: validation('A role can have only one organization.', 'Give the role one organization; create another admin for the next one.'),
  [-226]: permission('This admin has no rights over that organization.', 'Ask an RAO of that organization, or an MRAO.'),
  [-233]: permission('This admin may not create admins.', 'Ask an RAO with the privilege to create admins.'),
  [-234]: permission('This admin may not give those privileges.', 'Give only privileges you hold, or ask an MRAO.'),
  [-237]: validation('The admin’s email address is not valid.', 'Correct the address.'),
  [-249]: validation('The admin has been deleted.', 'Refresh the list of admins.'),
  [-253]: permission('This admin may not change roles.', 'Ask an MRAO.'),
  [-255]: validation('“Allow DCV” can be given to SSL admins only.', 'Give the admin an SSL role, or leave the privilege out.'),
  [-256]: permission('This admin may not give the DCV privilege.', 'Ask an admin who holds “Allow DCV”.'),
  [-410]: { kind: 'auth', meaning: 'SCM does not know that customerUri.', hint: 'Take the customerUri from your web UI address (…/customer/<customerUri>) and correct the profile.' },
  [-500]: validation('The person’s name is empty.', 'Give a first and last name.'),
  [-508]: validation('The person’s name must be given.', 'Give a first and last name.'),
  [-518]: notFound('No person has that email address.', 'Check the address, or create the person first.'),
  [-524]: validation('A person’s email address cannot be changed.', 'Create a new person with the new address.'),
  [-618]: pending('SCM is still working on the certificate.'),
  [-700]: validation('That domain already exists.', 'Look for it in the domain list; request a delegation instead.'),
  [-705]: validation('The delegation is not waiting for approval.', 'Refresh the domain; it may already be approved or rejected.'),
  [-707]: validation('The delegation request no longer exists.', 'Refresh the domain and request the delegation again if needed.'),
  [-709]: validation('A domain must be delegated to at least one organization or department.', 'Add a delegation and try again.'),
  [-712]: validation('The domain name is too short.', 'Write the full domain name, such as example.org.'),
  [-713]: validation('The domain name is too long.', 'Check the name for pasted text.'),
  [-715]: validation('The domain is suspended.', 'Activate the domain, then try again.'),
  [-723]: validation('Only the registered (high-level) domain can be validated; it covers its subdomains.', 'Validate the registered parent domain instead.'),
  [-724]: validation('The domain validation is not in the state this step needs.', 'Start before you submit, or clear the submitted order first.'),
  [-727]: notFound('The domain does not exist.', 'Check the name, or add the domain first.'),
  [-732]: validation('The domain name is not valid.', 'Write it as example.org, or *.example.org for a wildcard.'),
  [-737]: validation('The domains are not validated.', 'Complete domain control validation first.'),
  [-738]: permission('The domain is also delegated outside this admin’s scope.', 'Ask an admin whose scope covers every delegation, or an MRAO.'),
  [-740]: validation('Certificates exist for the domain, so it cannot be deleted.', 'Suspend the domain instead.'),
  [-741]: validation('SCM refused the domain operation.', 'Read SCM’s description for the reason.'),
  [-843]: validation('The organization’s validation status does not allow this certificate type.', 'Ask your MRAO to validate the organization.'),
  [-970]: { kind: 'auth', meaning: 'The login credentials are not correct.', hint: 'Check the login and password.' },
  [-976]: passwordRule,
  [-977]: passwordRule,
  [-982]: passwordRule,
  [-1002]: { kind: 'protocol', meaning: 'SCM could not read the request body.', hint: 'This is a fault in the console; report it.' },
  [-1010]: validation('The domain is not allowed for this organization.', 'Use a domain delegated to the organization, or request the delegation.'),
  [-1021]: { kind: 'api-disabled', meaning: 'The REST API is not enabled for this organization or department.', hint: 'Enable “Web/REST API” on the organization, then try again.' },
  [-1023]: notFound('The organization was not found.', 'Check the organization; it may be outside this admin’s scope.'),
  [-1104]: validation('The order number is not valid.', 'Check the order number (backendCertId).'),
  [-1108]: notFound('No valid client certificates were found for that address.', 'Check the email address.'),
  [-1112]: validation('The certificate cannot be approved in its present state.', 'Refresh it; only requested certificates can be approved.'),
  [-1113]: validation('The certificate is not ready to be applied.', 'Refresh it and check its state.'),
  [-1137]: validation('A domain in the request is not validated.', 'Complete domain control validation, then enroll.'),
  [-1140]: permission('The requester of an EV certificate cannot approve it.', 'Ask another admin to approve it.'),
  [-1148]: validation('Auto-installed certificates cannot be replaced.', 'Renew it instead.'),
  [-1400]: pending('The request is being processed by Sectigo.'),
  [-1450]: validation('That certificate format is not supported.', 'Choose one of the listed formats.'),
  [-1601]: validation('A field has a value SCM does not accept.', 'Correct the field the description names.'),
  [-1608]: validation('Domain control validation is not enabled for this customer.', 'Ask Sectigo or your MRAO.'),
  [-3114]: validation('Someone else changed this in the meantime.', 'Reload it and make the change again.'),
  [-3115]: notFound('Someone else deleted this in the meantime.', 'Reload the list.'),
  [-5101]: notFound('The certificate was not found.', 'Check the id; it may be outside this admin’s scope.'),
  [-5109]: validation('The device certificate profile was not found.', 'Pick a profile SCM lists.'),
  [-7306]: validation('The new password breaks the password policy.', 'Follow the policy SCM describes and try again.'),
};

/** The handbook entry for an SCM code. */
export function scmCodeAnchor(code: number): string {
  return `errors#scm-${Math.abs(code)}`;
}
