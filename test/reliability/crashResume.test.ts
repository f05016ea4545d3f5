import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { adminsWithLogin, restoreFile, signedInWorlds } from '../support/checklists';

const signedIn = signedInWorlds();
const inputs = (login: string) => ({ login, forename: 'Build', surname: 'Robot', email: `${login}@sandbox-university.example`, orgId: 1001, roles: ['RAO_SSL'], privileges: ['sslRequest'] });

it('goes on after a kill between saving the new admin’s profile and noting it in the run', async () => {
  const { world, app } = await signedIn();
  let run = await app.checklists.start('api-admin', inputs('early-robot'));
  run = await app.checklists.advance(run.id, 'check-rights', 'run');
  // The run file as it is while the new admin's profile is being saved: the step written down as running.
  let file: string | undefined;
  const set = world.keychain.set.bind(world.keychain);
  world.keychain.set = async (...args) => {
    file ??= await readFile(world.runFilePath(run.profileId), 'utf8');
    await set(...args);
  };
  // The kill comes before SCM hears of the create.
  world.proxy.rules.push({ method: 'POST', path: /^\/api\/admin\/v1$/, times: 2, fate: 'drop' });
  await app.checklists.advance(run.id, 'create-admin', 'run');
  world.keychain.set = set;
  await restoreFile(world.runFilePath(run.profileId), file!);

  // After the restart the profile the killed attempt saved is found again, not refused as taken.
  const restarted = world.start();
  restarted.signIn(run.profileId);
  const made = await restarted.profiles.find('early-robot (API)');
  expect(made).toBeDefined();
  run = await restarted.checklists.advance(run.id, 'create-admin', 'run');
  expect(run.steps[1]!.state, run.steps[1]!.error?.message).toBe('done');
  expect(adminsWithLogin(world, 'early-robot')).toHaveLength(1);
  expect((await restarted.profiles.list()).profiles.filter((profile) => profile.name === 'early-robot (API)')).toHaveLength(1);
});

it('sets a new temporary password when a killed create reaches SCM only after the restarted console looked for the admin', async () => {
  const { world, app } = await signedIn();
  let run = await app.checklists.start('api-admin', inputs('late-robot'));
  run = await app.checklists.advance(run.id, 'check-rights', 'run');
  // The first console sends the create and is killed while SCM holds it: its files and keychain are what they were then.
  let snapshot: { file: string; keychain: Awaited<ReturnType<typeof world.keychain.snapshot>> } | undefined;
  let arrived!: () => void;
  const atCreate = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  world.proxy.rules.push({
    method: 'POST',
    path: /^\/api\/admin\/v1$/,
    times: 1,
    fate: 'answer',
    before: async () => {
      snapshot = { file: await readFile(world.runFilePath(run.profileId), 'utf8'), keychain: await world.keychain.snapshot() };
      arrived();
      await held;
    },
  });
  const first = app.checklists.advance(run.id, 'create-admin', 'run').catch(() => undefined);
  await atCreate;
  await restoreFile(world.runFilePath(run.profileId), snapshot!.file);
  await world.keychain.restore(snapshot!.keychain);
  const restarted = world.start();
  restarted.signIn(run.profileId);
  // SCM carries out the first create, with the first temporary password, just after the restarted console found no admin.
  world.proxy.rules.push({
    method: 'POST',
    path: /^\/api\/admin\/v1$/,
    times: 1,
    fate: 'answer',
    before: async () => {
      release();
      await first;
    },
  });
  run = await restarted.checklists.advance(run.id, 'create-admin', 'run');
  if (run.steps[1]!.state !== 'done') run = await restarted.checklists.advance(run.id, 'create-admin', 'run');
  expect(run.steps[1]!.state, run.steps[1]!.error?.message).toBe('done');
  expect(adminsWithLogin(world, 'late-robot')).toHaveLength(1);
  // The kept temporary password is not the admin's: the console sets a new one, once, and the change goes through.
  run = await restarted.checklists.advance(run.id, 'change-password', 'run');
  expect(run.steps[2]!.state, run.steps[2]!.error?.message).toBe('done');
  expect(adminsWithLogin(world, 'late-robot')).toHaveLength(1);
});
