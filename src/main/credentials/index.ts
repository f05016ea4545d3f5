export { CredentialStoreError, maxSecretLength, secretKinds, type CredentialStore, type CredentialStoreFailure, type SecretKind } from './store';
export { MemoryCredentialStore } from './memory';
export { KeychainCredentialStore, defaultServiceName, probeKeychain, type KeychainOptions } from './keychain';
