import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Minimatch } from 'minimatch';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import viteConfig from '../../electron.vite.config';

/*
 * `npm run dist` needs Electron and electron-builder's packaging tools from the
 * network, so the packages themselves are built elsewhere. These tests read the
 * same configuration electron-builder reads and check it the way electron-builder
 * interprets it: its own schema, its glob options and its search paths.
 */

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(path: string): JsonObject {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isObject(value)) throw new Error(`${path} does not hold a JSON object`);
  return value;
}

function objectAt(value: Json | undefined, what: string): JsonObject {
  if (!isObject(value)) throw new Error(`${what} is missing or not an object`);
  return value;
}

function strings(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}

const packageJson = readJson(join(root, 'package.json'));
const config = objectAt(parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Json, 'electron-builder.yml');
const schema = readJson(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'));
const buildResources = join(root, String(objectAt(config.directories, 'directories').buildResources));

/**
 * Whether electron-builder takes `path` (relative to the app folder) with these
 * patterns: minimatch with dotfiles matched, the last pattern that applies wins,
 * a leading `!` excludes (electron-builder's fileMatcher and util/filter).
 */
function matchedBy(patterns: string[], path: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const parsed = new Minimatch(posix.normalize(pattern.replace(/^\.\//, '')), { dot: true });
    if (matched !== parsed.negate) continue;
    matched = parsed.match(path);
  }
  return matched;
}

/** Where electron-builder finds a configured resource: in the build resources, else in the project. */
function resourcePath(configured: string): string | undefined {
  if (isAbsolute(configured)) return existsSync(configured) ? configured : undefined;
  return [join(buildResources, configured), join(root, configured)].find((candidate) => existsSync(candidate));
}

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
}

function definition(ref: string): SchemaNode {
  const name = ref.replace('#/definitions/', '');
  const found = objectAt(schema.definitions, "electron-builder's schema definitions")[name];
  if (!isObject(found)) throw new Error(`electron-builder's schema has no definition ${name}`);
  return found as SchemaNode;
}

/** The object shapes a schema node allows, through its references and alternatives. */
function objectShapes(node: SchemaNode): SchemaNode[] {
  if (node.$ref !== undefined) return objectShapes(definition(node.$ref));
  const alternatives = (node.anyOf ?? []).flatMap(objectShapes);
  return node.properties !== undefined || node.additionalProperties !== undefined ? [node, ...alternatives] : alternatives;
}

function itemSchemas(node: SchemaNode): SchemaNode[] {
  if (node.$ref !== undefined) return itemSchemas(definition(node.$ref));
  const own = node.items === undefined ? [] : Array.isArray(node.items) ? node.items : [node.items];
  return [...own, ...(node.anyOf ?? []).flatMap(itemSchemas)];
}

/** Every key in `value`, at any depth, that electron-builder's schema does not know where it stands. */
function unknownKeys(value: Json, node: SchemaNode, at = ''): string[] {
  if (Array.isArray(value)) {
    const items = { anyOf: itemSchemas(node) };
    return value.flatMap((item, index) => unknownKeys(item, items, `${at}[${index}]`));
  }
  if (!isObject(value)) return [];
  const shapes = objectShapes(node);
  if (shapes.length === 0 || shapes.some((shape) => shape.additionalProperties === true && shape.properties === undefined)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = at === '' ? key : `${at}.${key}`;
    const known = shapes.flatMap((shape) => (shape.properties?.[key] === undefined ? [] : [shape.properties[key]]));
    if (known.length === 0) return shapes.some((shape) => shape.additionalProperties !== false && shape.additionalProperties !== undefined) ? [] : [path];
    return unknownKeys(child, { anyOf: known }, path);
  });
}

/** Width and height from a PNG's header chunk (IHDR), which the format puts first. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** What is wrong with a platform's icon for electron-builder, or undefined when nothing is. */
function iconProblem(platform: 'linux' | 'mac' | 'win', configured: string | undefined): string | undefined {
  if (configured === undefined) return `${platform} has no icon`;
  const path = resourcePath(configured);
  if (path === undefined) return `${platform}'s icon ${configured} does not exist`;
  const bytes = readFileSync(path);
  if (path.endsWith('.icns')) return platform === 'mac' && bytes.toString('latin1', 0, 4) === 'icns' ? undefined : `${configured} is no macOS icon`;
  if (path.endsWith('.ico')) return platform === 'win' && bytes.readUInt32LE(0) === 0x00010000 ? undefined : `${configured} is no Windows icon`;
  const size = pngSize(bytes);
  if (size === undefined) return `${configured} is not a PNG`;
  // electron-builder makes the macOS icon set from 512 pixels up; 512 serves Windows and Linux as well.
  if (size.width < 512 || size.height < 512) return `${configured} is ${size.width}x${size.height}, under 512x512`;
  return undefined;
}

/** A package's folder as Node finds it from `from`: node_modules here, then in each folder above. */
function packageFolder(name: string, from: string): string | undefined {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (folder === root || !folder.startsWith(root)) return undefined;
  }
}

/** The folders of every package the app ships: the production dependencies and theirs, installed here. */
function productionPackages(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (manifest: JsonObject, from: string) => {
    const required = Object.keys(isObject(manifest.dependencies) ? manifest.dependencies : {});
    // Optional ones are per-platform builds; only this machine's are installed.
    const optional = Object.keys(isObject(manifest.optionalDependencies) ? manifest.optionalDependencies : {});
    for (const name of [...required, ...optional]) {
      const folder = packageFolder(name, from);
      if (folder === undefined) {
        if (!optional.includes(name)) throw new Error(`${name}, a dependency of ${String(manifest.name)}, is not installed`);
        continue;
      }
      if (found.has(folder)) continue;
      found.set(folder, name);
      visit(readJson(join(folder, 'package.json')), folder);
    }
  };
  visit(packageJson, root);
  return found;
}

function filesEndingIn(folder: string, ending: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return filesEndingIn(path, ending);
    return name.endsWith(ending) ? [path] : [];
  });
}

/** Why a package would need building against Electron's headers, or undefined for pure JS and N-API. */
function nativeBuildReason(folder: string): string | undefined {
  const manifest = readJson(join(folder, 'package.json'));
  const scripts = isObject(manifest.scripts) ? manifest.scripts : {};
  if (existsSync(join(folder, 'binding.gyp')) || manifest.gypfile === true) return 'it has a binding.gyp';
  const installScript = ['preinstall', 'install', 'postinstall'].find((script) => scripts[script] !== undefined);
  if (installScript !== undefined) return `it runs an ${installScript} script`;
  const keywords = strings(manifest.keywords);
  const nodeApi = keywords.includes('N-API') || keywords.includes('napi-rs') || manifest.napi !== undefined;
  if (filesEndingIn(folder, '.node').length > 0 && !nodeApi) return 'it ships a native addon that is not N-API';
  return undefined;
}

const linux = objectAt(config.linux, 'linux');
const mac = objectAt(config.mac, 'mac');
const win = objectAt(config.win, 'win');

describe('the release packages', () => {
  it("carry the product's name, so the packaged app keeps its data where the command line and the browser shell look", () => {
    expect(config.productName).toBe(packageJson.productName);
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('are AppImage, deb and rpm on Linux, a dmg on macOS and an NSIS installer on Windows', () => {
    expect(strings(linux.target).sort()).toEqual(['AppImage', 'deb', 'rpm']);
    expect(strings(mac.target)).toEqual(['dmg']);
    expect(strings(win.target)).toEqual(['nsis']);
  });

  it("make the deb and rpm depend on libsecret for the keychain, besides Electron's own libraries", () => {
    // A package's depends list replaces electron-builder's default, so Electron's libraries must be in it too.
    const deb = strings(objectAt(config.deb, 'deb').depends);
    const rpm = strings(objectAt(config.rpm, 'rpm').depends);
    expect(deb).toEqual(expect.arrayContaining(['libsecret-1-0', 'libgtk-3-0', 'libnss3']));
    expect(rpm).toEqual(expect.arrayContaining(['libsecret', 'gtk3', 'nss']));
  });

  it('use only settings electron-builder knows, at every level', () => {
    expect(unknownKeys(config, schema as SchemaNode)).toEqual([]);
    for (const name of ['linux', 'mac', 'win', 'nsis', 'deb', 'rpm', 'electronFuses', 'releaseInfo']) expect(Object.keys(objectAt(config[name], name))).not.toEqual([]);
  });

  it('would report a misspelt setting', () => {
    expect(unknownKeys({ linux: { icons: 'icon.png' }, nsis: { oneclick: false }, electronFuse: {} }, schema as SchemaNode)).toEqual(['linux.icons', 'nsis.oneclick', 'electronFuse']);
  });

  it.each(['linux', 'mac', 'win'] as const)('give %s an icon electron-builder can use', (platform) => {
    const icon = objectAt(config[platform], platform).icon;
    expect(iconProblem(platform, typeof icon === 'string' ? icon : undefined)).toBeUndefined();
  });

  it('carry the release notes for this version', () => {
    const notesFile = objectAt(config.releaseInfo, 'releaseInfo').releaseNotesFile;
    expect(typeof notesFile).toBe('string');
    const path = resourcePath(String(notesFile));
    expect(path).toBe(join(root, 'CHANGELOG.md'));
    const notes = readFileSync(String(path), 'utf8');
    const version = String(packageJson.version).replaceAll('.', '\\.');
    expect(notes).toMatch(new RegExp(`^## \\[${version}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    const extraResources = Array.isArray(config.extraResources) ? config.extraResources.filter(isObject) : [];
    expect(extraResources).toContainEqual({ from: 'CHANGELOG.md', to: 'CHANGELOG.md' });
  });
});

describe('the packaged app', () => {
  const files = strings(config.files);

  it("holds the build and package.json, without source maps or the browser shell's compressed copies", () => {
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(matchedBy(files, 'out/main/index.js')).toBe(true);
    expect(matchedBy(files, 'out/renderer/index.html')).toBe(true);
    expect(matchedBy(files, 'package.json')).toBe(true);
    expect(matchedBy(files, 'out/main/index.js.map')).toBe(false);
    expect(matchedBy(files, 'out/renderer/assets/index.js.map')).toBe(false);
    expect(matchedBy(files, 'out/renderer/assets/index.js.br')).toBe(false);
    expect(matchedBy(files, 'out/renderer/index.html.gz')).toBe(false);
    expect(matchedBy(files, 'src/main/index.ts')).toBe(false);
  });

  it('starts from the main process the build writes, which the package includes', () => {
    const main = posix.normalize(String(packageJson.main));
    const build = viteConfig.main?.build;
    const inputs = build?.rollupOptions?.input;
    expect(isObject(inputs) && typeof inputs.index === 'string').toBe(true);
    expect(main).toBe(posix.join(String(build?.outDir), 'index.js'));
    expect(matchedBy(files, main)).toBe(true);
  });

  it('is an asar archive', () => {
    expect(config.asar).toBe(true);
  });

  it('has every fuse that would weaken it flipped', () => {
    expect(objectAt(config.electronFuses, 'electronFuses')).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });

  it("keeps the keychain's native binary outside the archive, for every platform the keyring is built for", () => {
    const unpack = strings(config.asarUnpack);
    const keyring = readJson(join(root, 'node_modules', '@napi-rs', 'keyring', 'package.json'));
    const binaryName = String(objectAt(keyring.napi, "@napi-rs/keyring's napi settings").binaryName);
    const platformPackages = Object.keys(isObject(keyring.optionalDependencies) ? keyring.optionalDependencies : {});
    expect(platformPackages.length).toBeGreaterThan(0);
    for (const name of platformPackages) {
      const platform = name.replace('@napi-rs/keyring-', '');
      expect(matchedBy(unpack, `node_modules/${name}/${binaryName}.${platform}.node`), name).toBe(true);
    }
    const installed = readdirSync(join(root, 'node_modules', '@napi-rs'))
      .filter((name) => name.startsWith('keyring-'))
      .flatMap((name) => filesEndingIn(join(root, 'node_modules', '@napi-rs', name), '.node'));
    expect(installed.length).toBeGreaterThan(0);
    for (const path of installed) expect(matchedBy(unpack, relative(root, path).split('\\').join('/')), path).toBe(true);
    expect(matchedBy(unpack, 'out/main/index.js')).toBe(false);
  });

  it('needs no rebuild for Electron: every production dependency is pure JavaScript or N-API', () => {
    const packages = productionPackages();
    expect([...packages.values()]).toEqual(expect.arrayContaining(Object.keys(objectAt(packageJson.dependencies, "package.json's dependencies"))));
    const reasons = [...packages].flatMap(([folder, name]) => {
      const reason = nativeBuildReason(folder);
      return reason === undefined ? [] : [`${name}: ${reason}`];
    });
    expect(reasons).toEqual([]);
  });
});

describe('the checks above', () => {
  it('would report a package built with node-gyp and an icon under 512 pixels', () => {
    const folder = mkdtempSync(join(tmpdir(), 'builder-config-'));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'addon', scripts: { install: 'node-gyp rebuild' } }));
    writeFileSync(join(folder, 'binding.gyp'), '{}');
    expect(nativeBuildReason(folder)).toBe('it has a binding.gyp');

    const header = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(256, 16);
    header.writeUInt32BE(256, 20);
    writeFileSync(join(folder, 'small.png'), header);
    expect(iconProblem('mac', join(folder, 'small.png'))).toMatch(/256x256, under 512x512/);
  });
});
