import type { ErrorKind } from '../../../shared/result';

type KindTexts = Record<ErrorKind, { message: string; hint: string }>;

const kindsEn: KindTexts = {
  auth: { message: 'SCM did not accept the sign-in.', hint: 'Check the profile’s login and secret.' },
  'expired-password': { message: 'The password has expired, or is still the temporary one.', hint: 'Change the password on the Home page.' },
  permission: { message: 'This admin may not do that.', hint: 'Ask an admin with the right role or privilege.' },
  validation: { message: 'Something in the request needs correcting.', hint: 'Correct it and try again; nothing was changed.' },
  'not-found': { message: 'SCM has no such item, or it is outside this admin’s scope.', hint: 'Check the id and the admin’s scope.' },
  pending: { message: 'SCM is still working on it.', hint: 'Try again in a little while.' },
  'api-disabled': { message: 'The REST API is switched off for this organization or department.', hint: 'An RAO can switch it on.' },
  'read-only-tenant': { message: 'This tenant is read-only: SCM accepts no changes.', hint: 'See the handbook on the platform’s status.' },
  'rate-limited': { message: 'SCM asked the console to slow down.', hint: 'Wait a moment and try again.' },
  unavailable: { message: 'SCM or the console’s store is not available.', hint: 'Try again in a few minutes.' },
  network: { message: 'SCM could not be reached.', hint: 'Check the network and the host in the profile.' },
  timeout: { message: 'No answer came in time.', hint: 'For a change, check whether it happened before you try again.' },
  protocol: { message: 'The answer was not what the console expects.', hint: 'Report it with the console’s version.' },
  internal: { message: 'The console failed unexpectedly.', hint: 'Try again; if it keeps failing, restart the console.' },
  cancelled: { message: 'Stopped, as asked.', hint: 'Start it again when you want.' },
};

/** Errors the interface words itself: by kind, and by key where main or the page gives one. */
export const errorsEn = {
  kind: kindsEn,
  detail: 'Details: {{text}}',
  shell: {
    notConnected: {
      message: 'This tab is not connected to the console. Each address the console prints works once, and this one was used already, has expired, or the console was restarted.',
      hint: 'Press Enter in the terminal where the console runs to print a new address, and open that.',
    },
    unreachable: {
      message: 'The console’s server could not be reached.',
      hint: 'Check that the console (npm run web or npm start) is still running in its terminal, then reload the page.',
    },
    refused: {
      message: 'The console’s server refused the request (HTTP {{status}}).',
      hint: 'Reload the page. If it keeps happening, restart the console.',
    },
  },
};
