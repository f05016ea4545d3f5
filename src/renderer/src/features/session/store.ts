import { create } from 'zustand';
import type { ArgsOf, ValueOf } from '../../../../shared/contract';
import { sandboxProfileId } from '../../../../shared/profileIds';
import type { ProfilesView, ProfileView } from '../../../../shared/profiles';
import type { AppError, Result } from '../../../../shared/result';
import type { Session } from '../../../../shared/session';
import { api } from '../../lib/api';
import { i18next } from '../../lib/i18n';
import { leavingSession, sessionChanged } from '../../lib/query';

export type ProfileForm = ArgsOf<'profiles:update'>['profile'];
export type ProfileUpdateExtras = Omit<ArgsOf<'profiles:update'>, 'id' | 'profile'>;
export type PasswordChangeOutcome = ValueOf<'session:changePassword'>;
export type SandboxLogin = ValueOf<'sandbox:logins'>[number];
export type ImportOutcome = ValueOf<'profiles:import'>;
export type ExportFile = ValueOf<'profiles:export'>;

/**
 * The connection profiles and the session, as main reports them. No secret is
 * ever kept here: the actions that take one (`setSecret`, `changePassword`) pass
 * it straight to main and keep nothing of it.
 */
interface SessionState {
  profiles: ProfileView[];
  activeId: string | null;
  /** Where secrets go: the keychain, or memory for this session only. */
  secretStore: ProfilesView['secretStore'];
  profilesLoaded: boolean;
  /** Null until main has answered. */
  session: Session | null;
  /** The profile a sign-in is under way for. */
  signingIn: string | null;
  signingOut: boolean;
  changingPassword: boolean;
  resettingSandbox: boolean;
  sandboxLogins: SandboxLogin[] | null;
  /** The last failure of an action that has no form of its own to show it. */
  lastError: AppError | null;
  start(): Promise<void>;
  loadProfiles(): Promise<void>;
  loadSession(): Promise<void>;
  signIn(profileId: string): Promise<Session | null>;
  signOut(): Promise<void>;
  changePassword(change: { newPassword?: string; currentPassword?: string }): Promise<Result<PasswordChangeOutcome>>;
  /** Saves a profile and, when typed, its secret, together. */
  createProfile(form: ProfileForm, secret?: string): Promise<Result<ProfileView>>;
  updateProfile(id: string, form: ProfileForm, extras?: ProfileUpdateExtras): Promise<Result<ProfileView>>;
  /** Enters a refused secret again and signs in with it. */
  reenterSecret(id: string, secret: string): Promise<Result<ProfileView>>;
  duplicateProfile(id: string): Promise<Result<ProfileView>>;
  deleteProfile(id: string): Promise<Result<ProfilesView>>;
  setSecret(id: string, secret: string): Promise<Result<ProfileView>>;
  forgetSecret(id: string): Promise<Result<ProfileView>>;
  exportProfiles(): Promise<Result<ExportFile>>;
  importProfiles(text: string): Promise<Result<ImportOutcome>>;
  loadSandboxLogins(): Promise<void>;
  practiseAs(login: string): Promise<Result<ProfileView>>;
  resetSandbox(): Promise<Result<Session>>;
}

let started: Promise<void> | undefined;

export const useSessionStore = create<SessionState>()((set, get) => {
  /** Puts a profile main has just answered with in place of the old one. */
  const remember = (view: ProfileView): void =>
    set((state) => ({
      profiles: state.profiles.some((profile) => profile.id === view.id)
        ? state.profiles.map((profile) => (profile.id === view.id ? view : profile))
        : [...state.profiles, view],
    }));

  const profileChange = async (call: Promise<Result<ProfileView>>): Promise<Result<ProfileView>> => {
    const result = await call;
    if (result.ok) remember(result.value);
    return result;
  };

  return {
    profiles: [],
    activeId: null,
    secretStore: 'keychain',
    profilesLoaded: false,
    session: null,
    signingIn: null,
    signingOut: false,
    changingPassword: false,
    resettingSandbox: false,
    sandboxLogins: null,
    lastError: null,

    start() {
      // Once per page: a new admin is working in the sandbox within seconds of the first start.
      started ??= (async () => {
        await Promise.all([get().loadProfiles(), get().loadSession()]);
        const { session, activeId } = get();
        if (session?.status === 'signed-out' && activeId !== null) await get().signIn(activeId);
      })();
      return started;
    },

    async loadProfiles() {
      const result = await api.profilesList();
      if (result.ok) set({ profiles: result.value.profiles, activeId: result.value.activeId, secretStore: result.value.secretStore, profilesLoaded: true });
      else set({ lastError: result.error });
    },

    async loadSession() {
      const result = await api.sessionGet();
      if (result.ok) set({ session: result.value });
      else set({ lastError: result.error });
    },

    async signIn(profileId) {
      set({ signingIn: profileId, lastError: null });
      await leavingSession();
      const result = await api.sessionSignIn({ profileId });
      if (!result.ok) {
        set({ signingIn: null, lastError: result.error });
        // Whatever the outcome, the previous session is over: its pages read afresh.
        void sessionChanged();
        return null;
      }
      set({ session: result.value, activeId: profileId, signingIn: null });
      void sessionChanged();
      // The sign-in moved the active profile and may have noted when it last worked.
      await get().loadProfiles();
      return result.value;
    },

    async signOut() {
      set({ signingOut: true, lastError: null });
      await leavingSession();
      const result = await api.sessionSignOut();
      if (result.ok) set({ session: result.value, signingOut: false });
      else set({ signingOut: false, lastError: result.error });
      void sessionChanged();
    },

    async changePassword(change) {
      const profileId = get().session?.profileId;
      if (profileId === null || profileId === undefined) {
        return { ok: false, error: { kind: 'auth', message: 'Sign in to a profile before changing its password.', key: 'session.signInFirst', anchor: 'connecting#change-password' } };
      }
      set({ changingPassword: true });
      const result = await api.sessionChangePassword({ profileId, ...change });
      set({ changingPassword: false });
      if (result.ok) {
        // A changed sandbox password is no longer the practice password the list shows.
        set({ session: result.value.session, ...(result.value.session.practice ? { sandboxLogins: null } : {}) });
        await get().loadProfiles();
      }
      return result;
    },

    createProfile: (form, secret) => profileChange(api.profilesCreate(secret === undefined ? form : { ...form, secret })),
    updateProfile: (id, form, extras = {}) => profileChange(api.profilesUpdate({ id, profile: form, ...extras })),

    async reenterSecret(id, secret) {
      const result = await profileChange(api.profilesSetSecret({ id, secret }));
      if (result.ok) await get().signIn(id);
      return result;
    },
    duplicateProfile: (id) => profileChange(api.profilesDuplicate({ id })),
    setSecret: (id, secret) => profileChange(api.profilesSetSecret({ id, secret })),
    forgetSecret: (id) => profileChange(api.profilesForgetSecret({ id })),

    async deleteProfile(id) {
      const result = await api.profilesDelete({ id });
      if (result.ok) {
        set({ profiles: result.value.profiles, activeId: result.value.activeId, secretStore: result.value.secretStore });
        // Deleting the signed-in profile signs out.
        await get().loadSession();
      }
      return result;
    },

    exportProfiles: () => api.profilesExport({}),

    async importProfiles(text) {
      const result = await api.profilesImport({ text });
      if (result.ok) await get().loadProfiles();
      return result;
    },

    async loadSandboxLogins() {
      const result = await api.sandboxLogins();
      if (result.ok) set({ sandboxLogins: result.value });
      else set({ lastError: result.error });
    },

    async practiseAs(login) {
      const sandbox = get().profiles.find((profile) => profile.id === sandboxProfileId);
      if (sandbox === undefined) return { ok: false, error: { kind: 'not-found', message: 'The Sandbox profile is missing; reload the console.', key: 'session.sandboxMissing' } };
      const result = await get().updateProfile(sandbox.id, {
        name: sandbox.name,
        host: sandbox.host,
        customerUri: sandbox.customerUri,
        login,
        authKind: sandbox.authKind,
      });
      if (result.ok) await get().signIn(sandbox.id);
      return result;
    },

    async resetSandbox() {
      set({ resettingSandbox: true, lastError: null });
      await leavingSession();
      const result = await api.sandboxReset();
      set({ resettingSandbox: false });
      if (result.ok) {
        set({ session: result.value, sandboxLogins: null });
        void sessionChanged();
        await get().loadProfiles();
      }
      return result;
    },

  };
});

/** `customerUri @ host` for a profile, as the title bar shows a session's tenant, in the interface's language. */
export function tenantOf(profile: ProfileView): string {
  if (profile.kind === 'sandbox') return i18next.t('session.tenant.sandbox', { customerUri: profile.customerUri });
  let host = profile.host;
  try {
    host = new URL(profile.host).host;
  } catch {
    // Shown as stored.
  }
  return profile.authKind === 'oauth2' ? i18next.t('session.tenant.oauth2', { host }) : i18next.t('session.tenant.scm', { customerUri: profile.customerUri, host });
}
