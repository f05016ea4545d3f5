import { parseArgs } from 'node:util';
import type { ConnectionOptions, TenantConnection } from '../main/services/connection';
import { userDataFolder } from '../main/services/connection';
import { appErrorOf } from '../main/services/errors';
import { commands, type Command } from './commands';
import { UsageError, connect, connectAsProfile, connectionHelp } from './connection';
import type { Output } from './output';

const globalOptions = {
  'base-url': { type: 'string' },
  'customer-uri': { type: 'string' },
  login: { type: 'string' },
  profile: { type: 'string' },
  'user-data': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

function overview(): string {
  const width = Math.max(...commands.map((command) => `${command.name} ${command.arguments.join(' ')}`.length));
  const lines = commands.map((command) => `  ${`${command.name} ${command.arguments.join(' ')}`.trim().padEnd(width)}  ${command.summary}`);
  return `Usage: tcs-admin COMMAND [options]

Commands for Sectigo Certificate Manager, over its REST API:
${lines.join('\n')}

Every command takes --json for machine-readable output, --verbose to show each
request to SCM on stderr, and --help for its options.

The checklist commands run the app's guided procedures (an API admin, the REST
API for a unit, baseline notifications) with a saved profile, and keep each run
where the app shows it. They exit 0 when done, 10 when a step waits to be done
by hand, 1 when a step failed, 2 on bad usage or input.

The certificate actions (certs renew, revoke, approve, decline, collect) take
certificates as ssl-1234 or smime-6001, listed in a --from file, or selected by
a filter. Several at once are shown as a plan first, and go ahead only after a
"y" in a terminal, or with --yes. They exit 0 when all is done, 1 when any
certificate failed or was not found, 2 on bad usage or when not confirmed.

${connectionHelp}`;
}

function commandHelp(command: Command): string {
  const options = Object.entries(command.options).map(([name, option]) => `  --${name}${option.type === 'string' ? ' VALUE' : ''}\n      ${option.description}`);
  return `Usage: tcs-admin ${command.name}${command.arguments.map((argument) => ` ${argument}`).join('')} [options]

${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.
${command.help === undefined ? '' : `\n${command.help}\n`}${options.length === 0 ? '' : `\nOptions:\n${options.join('\n')}\n`}  --json
      print JSON instead of a table
  --verbose, -v
      show each request to SCM on stderr (method, path, status, time; never a credential)
${'\n'}${connectionHelp}`;
}

function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(' ');
    const command = commands.find((candidate) => candidate.name === name);
    if (command !== undefined) return { command, rest: words.slice(length) };
  }
  return undefined;
}

export interface MainOptions {
  /** Where secrets of accounts a command makes are kept; by default the keychain when one answers, else memory for this run. */
  credentials?: ConnectionOptions['credentials'];
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], output: Output, env: NodeJS.ProcessEnv = process.env, extra: MainOptions = {}): Promise<number> {
  const words: string[] = [];
  for (const argument of argv) {
    if (argument.startsWith('-')) break;
    words.push(argument);
  }
  const found = findCommand(words);
  if (found === undefined) {
    if (words.length === 0 && (argv.length === 0 || argv.includes('--help') || argv.includes('-h'))) {
      output.stdout.write(`${overview()}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    const near = commands.filter((command) => command.name.startsWith(words[0] ?? '\0')).map((command) => command.name);
    // `tcs-admin checklist --help`: the commands of that group, each with what it does.
    const group = commands.filter((command) => words.length === 1 && command.name.split(' ')[0] === words[0]);
    if (group.length > 0 && (argv.includes('--help') || argv.includes('-h'))) {
      const width = Math.max(...group.map((command) => `${command.name} ${command.arguments.join(' ')}`.length));
      output.stdout.write(`${group.map((command) => `  ${`${command.name} ${command.arguments.join(' ')}`.trim().padEnd(width)}  ${command.summary}`).join('\n')}\n\nRun tcs-admin ${group[0]!.name} --help, and so on, for a command's options.\n`);
      return 0;
    }
    output.stderr.write(`tcs-admin: unknown command "${words.join(' ')}".${near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : ''}\nRun tcs-admin --help for the list.\n`);
    return 2;
  }
  const { command } = found;
  const optionConfig = { ...globalOptions, ...Object.fromEntries(Object.entries(command.options).map(([name, option]) => [name, { type: option.type }])) };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv.slice(command.name.split(' ').length), options: optionConfig, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    output.stderr.write(`tcs-admin ${command.name}: ${error instanceof Error ? error.message : String(error)}\nRun tcs-admin ${command.name} --help for its options.\n`);
    return 2;
  }
  if (parsed.values.help === true) {
    output.stdout.write(`${commandHelp(command)}\n`);
    return 0;
  }
  // `[KEY…]` takes any number of arguments, the command checks them; the rest are one each.
  const anyNumber = command.arguments.at(-1)?.endsWith('…]') === true;
  if (anyNumber ? parsed.positionals.length < command.arguments.length - 1 : parsed.positionals.length !== command.arguments.length) {
    output.stderr.write(`tcs-admin ${command.name}: expected ${command.arguments.length === 0 ? 'no arguments' : command.arguments.join(' ')}, got ${parsed.positionals.length === 0 ? 'none' : parsed.positionals.join(' ')}.\n`);
    return 2;
  }
  const jsonOutput: Output = { ...output, json: parsed.values.json === true };
  let connection: Promise<TenantConnection> | undefined;
  const options: ConnectionOptions = {
    userDataDir: userDataFolder(parsed.values['user-data'] as string | undefined, env),
    ...(parsed.values.verbose === true ? { log: (line: string) => output.stderr.write(`scm: ${line}\n`) } : {}),
    onAuditFailure: (message: string) => output.stderr.write(`tcs-admin: ${message}\n`),
    ...(extra.credentials === undefined ? {} : { credentials: extra.credentials }),
  };
  const connectionFlags = (['base-url', 'customer-uri', 'login'] as const).filter((name) => parsed.values[name] !== undefined);
  const open = async (profileOfRun?: string): Promise<TenantConnection> => {
    const profile = profileOfRun ?? (parsed.values.profile as string | undefined);
    if (profile === undefined) {
      return connect({ 'base-url': parsed.values['base-url'] as string | undefined, 'customer-uri': parsed.values['customer-uri'] as string | undefined, login: parsed.values.login as string | undefined }, env, options);
    }
    if (connectionFlags.length > 0) throw new UsageError(`Give either --profile or ${connectionFlags.map((name) => `--${name}`).join(', ')}, not both.`);
    return connectAsProfile(profile, env, options);
  };
  try {
    return await command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      output: jsonOutput,
      connection: (profile?: string) => (connection ??= open(profile)),
      profileName: parsed.values.profile as string | undefined,
      connectionFlags: connectionFlags.map((name) => `--${name}`),
      connectionOptions: options,
      userDataGiven: parsed.values['user-data'] as string | undefined,
      env,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr.write(`tcs-admin ${command.name}: ${error.message}\n`);
      return 2;
    }
    const known = appErrorOf(error);
    if (known !== undefined) {
      if (jsonOutput.json) output.stdout.write(`${JSON.stringify({ error: known }, null, 2)}\n`);
      output.stderr.write(`tcs-admin ${command.name}: ${known.message}\n${known.hint === undefined ? '' : `${known.hint}\n`}${known.anchor === undefined ? '' : `Handbook: ${known.anchor}\n`}`);
      return command.name === 'doctor' ? 2 : 1;
    }
    output.stderr.write(`tcs-admin ${command.name}: an unexpected error stopped the command (${error instanceof Error ? error.name : 'unknown'}).\n`);
    return command.name === 'doctor' ? 2 : 1;
  } finally {
    await (await connection?.catch(() => undefined))?.close();
  }
}
