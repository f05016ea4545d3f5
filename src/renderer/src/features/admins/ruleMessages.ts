/**
 * SCM's rules for admins, as `src/shared/adminRules.ts` names them
 * (`validation.admin.<key>`): what to change on the field, and SCM's code.
 */
export const adminRulesEn = {
  loginMissing: 'Enter a login of 3 to 128 characters.',
  loginCharacters: 'Use 3 to 128 letters, digits or ! @ _ . - + \' in the login.',
  loginTaken: 'An admin with the login {{login}} exists already. Choose another login.',
  typeChange: 'SCM does not change a {{from}} admin to {{to}}; it allows {{allowed}}.',
  nameMissing: 'Enter the name; SCM needs both names.',
  nameCharacters: 'Leave out the characters < > " % and ; which SCM does not accept in names.',
  email: 'Enter an email address such as pki@example.org (SCM’s -237 otherwise).',
  idpNeeded: 'Choose the identity provider this admin signs in through.',
  idpPersonId: 'Enter the IdP person id (ePPN) of the form user@scope, such as anna.svensson@example.org: SCM needs it with an identity provider.',
  rolesMissing: 'Give at least one role, each with its organization or department (SCM’s -221).',
  ownRoles: 'An admin cannot change its own roles; ask an admin above you (SCM’s -253).',
  sameLevel: 'Keep every role on one level: MRAO, RAO or DRAO, not a mix (SCM’s -222).',
  oneUnitPerRole: 'Give each role for one organization or department only (SCM’s -223).',
  mraoOnly: 'Only an MRAO can give the MRAO role (SCM’s -253).',
  roleNotAssignable: 'SCM does not let you give {{role}}; you may give {{allowed}}.',
  unitMissing: 'Choose the organization or department this role is for (SCM’s -221).',
  outsideScope: 'That organization or department is outside what you manage (SCM’s -226).',
  raoNeedsOrganization: '{{role}} is given for an organization; {{unit}} is a department. Choose a DRAO role for it.',
  draoNeedsDepartment: '{{role}} is given for a department; {{unit}} is an organization. Choose an RAO role for it.',
  cannotGiveDcv: 'You do not hold Allow DCV yourself, so SCM does not let you give it (SCM’s -256).',
  cannotGivePrivilege: 'You do not hold {{privilege}} yourself, so SCM does not let you give it (SCM’s -234).',
  dcvNeedsSsl: 'Allow DCV is for SSL admins only: give an SSL role as well, or leave it out (SCM’s -255).',
  refuse: {
    self: 'An admin cannot suspend, activate or delete itself in SCM.',
    ownPassword: 'Change your own password on Home (Alt+1), with Change password, instead.',
    privilege: 'You do not hold the privilege {{privilege}}; SCM refuses with {{code}}.',
    scope: 'This admin has roles outside what you manage; SCM refuses with -226.',
    noPassword: 'This admin signs in through an identity provider and has no password in SCM.',
    alreadySuspended: 'This admin is suspended already.',
    alreadyActive: 'This admin is active already.',
  },
};
