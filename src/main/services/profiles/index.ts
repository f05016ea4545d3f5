export { ProfileService, type AccountRef, type ProfileServiceOptions, type ProfileUpdateOptions, type StoredSecretChoice } from './service';
export { ProfileError } from './validation';
export { profilesFileName } from './file';
