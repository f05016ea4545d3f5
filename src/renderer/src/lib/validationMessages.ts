import type { Catalogue } from './catalogue';

/**
 * What to do about a field, by the key a check gives its problem
 * (`src/shared/fieldErrors.ts`): zod's issue codes, and the profile schema's
 * and profile service's own messages. The English repeats their wording.
 */
export const validationEn = {
  tooBig: {
    string: 'Enter at most {{maximum}} characters.',
    items: 'Give at most {{maximum}} items.',
    number: 'Enter {{maximum}} or less.',
  },
  tooSmall: {
    empty: 'This cannot be empty.',
    string: 'Enter at least {{minimum}} characters.',
    items: 'Give at least {{minimum}} items.',
    number: 'Enter {{minimum}} or more.',
  },
  required: 'This is needed.',
  wrongType: { text: 'This must be text.', other: 'This must be a {{expected}}.' },
  choose: 'Choose one of: {{values}}.',
  unknownField: 'The console does not know this field.',
  invalid: 'This is not in the expected form.',
  /** A problem the catalogue has no words for: its English text, in another language. */
  inEnglish: '{{message}}',
  profile: {
    nameMissing: 'Give the profile a name.',
    nameTooLong: 'Keep the name to {{maximum}} characters or fewer.',
    nameHidden: 'The name contains an invisible or control character (U+{{code}}) at position {{position}}. Type the name again with letters, digits, punctuation and plain spaces.',
    nameTaken: 'A profile called “{{name}}” exists already. Choose another name.',
    hostMissing: 'Enter the SCM host, for example cert-manager.com.',
    hostUnreadable: '“{{host}}” is not a host name or address.',
    hostCredentials: 'The host must not contain a login or password.',
    hostHttp: 'SCM is reached over https. Plain http is allowed only for a sandbox on this machine (127.0.0.1).',
    hostScheme: 'The host must start with https://.',
    hostQuery: 'The host must not contain a query or a fragment.',
    hostPath: 'Enter only the host (for example https://cert-manager.com), without a path.',
    customerUri: 'The customer URI holds letters, digits, dots, dashes and underscores only: the part after /customer/ in your SCM login address.',
    login: 'The login holds letters, digits and ! @ _ . - + \' only, up to 128 characters.',
    clientIdMissing: 'OAuth2 sign-in needs the client ID Sectigo issued.',
    tokenUrl: 'The token URL must be an https address.',
    certificateMissing: 'Certificate sign-in needs the admin’s certificate.',
    certificatePem: 'Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----).',
    certificateUnreadable: 'The certificate could not be read. Paste the whole PEM block, from -----BEGIN CERTIFICATE----- to its end.',
    secretMissing: { password: 'Enter the password.', certificate: 'Enter the private key.', oauth2: 'Enter the client secret.' },
    secretTooLong: {
      password: 'Enter at most {{maximum}} characters: this is longer than any password SCM takes.',
      certificate: 'Enter at most {{maximum}} characters: this is longer than any private key SCM takes.',
      oauth2: 'Enter at most {{maximum}} characters: this is longer than any client secret SCM takes.',
    },
    privateKeyEncrypted: 'The private key is protected by a passphrase, which the console cannot keep. Export it without one (openssl pkey -in key.pem -out plain-key.pem) and paste that.',
    privateKeyUnreadable: 'The private key could not be read. Paste the whole key in PEM form, as exported with the admin’s certificate.',
    storedSecretUnanswered: {
      password: 'Choose whether the stored password still belongs to this account.',
      certificate: 'Choose whether the stored private key still belongs to this account.',
      oauth2: 'Choose whether the stored client secret still belongs to this account.',
    },
  },
};

export const validationSv: Catalogue<typeof validationEn> = {
  tooBig: {
    string: 'Ange högst {{maximum}} tecken.',
    items: 'Ange högst {{maximum}} poster.',
    number: 'Ange {{maximum}} eller mindre.',
  },
  tooSmall: {
    empty: 'Fältet får inte vara tomt.',
    string: 'Ange minst {{minimum}} tecken.',
    items: 'Ange minst {{minimum}} poster.',
    number: 'Ange {{minimum}} eller mer.',
  },
  required: 'Fältet behöver fyllas i.',
  wrongType: { text: 'Det här måste vara text.', other: 'Det här måste vara av typen {{expected}}.' },
  choose: 'Välj ett av: {{values}}.',
  unknownField: 'Konsolen känner inte till det här fältet.',
  invalid: 'Värdet har inte den form som väntas.',
  inEnglish: 'Rätta fältet. Konsolens förklaring, på engelska: {{message}}',
  profile: {
    nameMissing: 'Ge profilen ett namn.',
    nameTooLong: 'Namnet får vara högst {{maximum}} tecken långt.',
    nameHidden: 'Namnet innehåller ett osynligt tecken eller ett styrtecken (U+{{code}}) på plats {{position}}. Skriv namnet igen med bokstäver, siffror, skiljetecken och vanliga mellanslag.',
    nameTaken: 'Det finns redan en profil som heter ”{{name}}”. Välj ett annat namn.',
    hostMissing: 'Ange SCM-värden, till exempel cert-manager.com.',
    hostUnreadable: '”{{host}}” är inte ett värdnamn eller en adress.',
    hostCredentials: 'Värden får inte innehålla något inloggningsnamn eller lösenord.',
    hostHttp: 'SCM nås över https. Vanlig http tillåts bara för en övningsmiljö på den här datorn (127.0.0.1).',
    hostScheme: 'Värden måste börja med https://.',
    hostQuery: 'Värden får inte innehålla någon frågedel eller något fragment.',
    hostPath: 'Ange bara värden (till exempel https://cert-manager.com), utan sökväg.',
    customerUri: 'Kund-URI:n består bara av bokstäver, siffror, punkter, bindestreck och understreck: delen efter /customer/ i adressen där du loggar in i SCM.',
    login: 'Inloggningsnamnet består bara av bokstäver, siffror och ! @ _ . - + \' och är högst 128 tecken långt.',
    clientIdMissing: 'Inloggning med OAuth2 behöver klient-id:t som Sectigo utfärdade.',
    tokenUrl: 'Token-URL:en måste vara en https-adress.',
    certificateMissing: 'Inloggning med klientcertifikat behöver administratörens certifikat.',
    certificatePem: 'Klistra in certifikatet i PEM-form (-----BEGIN CERTIFICATE-----).',
    certificateUnreadable: 'Certifikatet gick inte att läsa. Klistra in hela PEM-blocket, från -----BEGIN CERTIFICATE----- till slutet.',
    secretMissing: { password: 'Ange lösenordet.', certificate: 'Ange den privata nyckeln.', oauth2: 'Ange klienthemligheten.' },
    secretTooLong: {
      password: 'Ange högst {{maximum}} tecken: SCM tar inte emot så långa lösenord.',
      certificate: 'Ange högst {{maximum}} tecken: SCM tar inte emot så långa privata nycklar.',
      oauth2: 'Ange högst {{maximum}} tecken: SCM tar inte emot så långa klienthemligheter.',
    },
    privateKeyEncrypted: 'Den privata nyckeln är skyddad med en lösenfras, och den kan konsolen inte spara. Exportera nyckeln utan lösenfras (openssl pkey -in key.pem -out plain-key.pem) och klistra in den.',
    privateKeyUnreadable: 'Den privata nyckeln gick inte att läsa. Klistra in hela nyckeln i PEM-form, så som den exporterades med administratörens certifikat.',
    storedSecretUnanswered: {
      password: 'Välj om det sparade lösenordet fortfarande hör till det här kontot.',
      certificate: 'Välj om den sparade privata nyckeln fortfarande hör till det här kontot.',
      oauth2: 'Välj om den sparade klienthemligheten fortfarande hör till det här kontot.',
    },
  },
};
