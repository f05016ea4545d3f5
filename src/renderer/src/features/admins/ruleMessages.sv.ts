import type { Catalogue } from '../../lib/catalogue';
import type { adminRulesEn } from './ruleMessages';

/** The Swedish of `ruleMessages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const adminRulesSv: Catalogue<typeof adminRulesEn> = {
  loginMissing: 'Ange ett inloggningsnamn på 3 till 128 tecken.',
  loginCharacters: 'Använd 3 till 128 bokstäver, siffror eller ! @ _ . - + \' i inloggningsnamnet.',
  loginTaken: 'Det finns redan en administratör med inloggningsnamnet {{login}}. Välj ett annat.',
  typeChange: 'SCM ändrar inte en {{from}}-administratör till {{to}}; det går att ändra till {{allowed}}.',
  nameMissing: 'Ange namnet; SCM kräver både förnamn och efternamn.',
  nameCharacters: 'Utelämna tecknen < > " % och ; som SCM inte tar emot i namn.',
  email: 'Ange en e-postadress, till exempel pki@example.org (annars SCM:s -237).',
  idpNeeded: 'Välj den identitetsleverantör (IdP) som administratören loggar in genom.',
  idpPersonId: 'Ange IdP-person-id (ePPN) på formen användare@domän, till exempel anna.svensson@example.org: SCM kräver det tillsammans med en IdP.',
  rolesMissing: 'Ge minst en roll, var och en med sin organisation eller avdelning (SCM:s -221).',
  ownRoles: 'En administratör kan inte ändra sina egna roller; be en administratör över dig (SCM:s -253).',
  sameLevel: 'Håll alla roller på en nivå: MRAO, RAO eller DRAO, inte en blandning (SCM:s -222).',
  oneUnitPerRole: 'Ge varje roll för en enda organisation eller avdelning (SCM:s -223).',
  mraoOnly: 'Bara en MRAO kan ge rollen MRAO (SCM:s -253).',
  roleNotAssignable: 'SCM låter dig inte ge {{role}}; du kan ge {{allowed}}.',
  unitMissing: 'Välj den organisation eller avdelning som rollen gäller (SCM:s -221).',
  outsideScope: 'Den organisationen eller avdelningen ligger utanför det du administrerar (SCM:s -226).',
  raoNeedsOrganization: '{{role}} ges för en organisation; {{unit}} är en avdelning. Välj en DRAO-roll för den.',
  draoNeedsDepartment: '{{role}} ges för en avdelning; {{unit}} är en organisation. Välj en RAO-roll för den.',
  cannotGiveDcv: 'Du har inte själv behörigheten Allow DCV, så SCM låter dig inte ge den (SCM:s -256).',
  cannotGivePrivilege: 'Du har inte själv behörigheten {{privilege}}, så SCM låter dig inte ge den (SCM:s -234).',
  dcvNeedsSsl: 'Allow DCV är bara för SSL-administratörer: ge också en SSL-roll, eller utelämna den (SCM:s -255).',
  refuse: {
    self: 'En administratör kan inte stänga av, aktivera eller ta bort sig själv i SCM.',
    ownPassword: 'Byt ditt eget lösenord på Start (Alt+1), med Byt lösenord, i stället.',
    privilege: 'Du har inte behörigheten {{privilege}}; SCM nekar med {{code}}.',
    scope: 'Administratören har roller utanför det du administrerar; SCM nekar med -226.',
    noPassword: 'Administratören loggar in genom en identitetsleverantör och har inget lösenord i SCM.',
    alreadySuspended: 'Administratören är redan avstängd.',
    alreadyActive: 'Administratören är redan aktiv.',
  },
};
