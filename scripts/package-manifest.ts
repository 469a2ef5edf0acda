/**
 * Builds the Teams app package: `npm run package` → build/appPackage.zip.
 *
 * manifest/manifest.template.json gets its placeholders from the environment (a `.env` file is
 * read if present; real environment variables win), is validated offline against the official
 * schema bundled with @microsoft/app-manifest, the icons are checked (192×192 colour,
 * 32×32 transparent white outline), and the zip holds exactly the manifest, the two icons and
 * the English localization file the manifest names.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PRIVACY_PATH } from '../src/http/citizen-pages';
import { decodeRgbaPng, readPngHeader } from './png';

export const MANIFEST_DIR = join(__dirname, '..', 'manifest');
export const TEMPLATE_FILE = 'manifest.template.json';
export const PACKAGE_FILE = join(__dirname, '..', 'build', 'appPackage.zip');

/** A problem the person building the package must fix; the message says what and how. */
export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
}

/** The values the template's {{placeholders}} are filled with. */
export interface ManifestSettings {
  MicrosoftAppId: string;
  APP_VERSION: string;
  PUBLIC_BASE_URL: string;
  /** Host (and port, if not 443) of PUBLIC_BASE_URL, for validDomains. */
  PUBLIC_HOST: string;
  TEAMS_APP_WEBSITE_URL: string;
  TEAMS_APP_PRIVACY_URL: string;
  TEAMS_APP_TERMS_URL: string;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

function httpsUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppPackageError(`${name} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:')
    throw new AppPackageError(
      `${name} must start with https:// (Teams accepts only HTTPS addresses in the app package), got "${value}"`,
    );
  return url;
}

/** Reads the placeholder values from the environment; throws an AppPackageError naming the variable at fault. */
export function manifestSettings(env: NodeJS.ProcessEnv, appVersion: string): ManifestSettings {
  const read = (name: string) => env[name]?.trim() || undefined;
  const botId = read('MicrosoftAppId');
  if (!botId)
    throw new AppPackageError(
      'MicrosoftAppId is not set: the Microsoft App ID of the Azure Bot (a GUID) becomes the app id and botId of the manifest',
    );
  if (!GUID.test(botId))
    throw new AppPackageError(`MicrosoftAppId must be a GUID (the Microsoft App ID of the Azure Bot), got "${botId}"`);
  const base = read('PUBLIC_BASE_URL');
  if (!base)
    throw new AppPackageError(
      'PUBLIC_BASE_URL is not set: the public https:// address of the service; its host becomes the validDomains entry',
    );
  const baseUrl = httpsUrl('PUBLIC_BASE_URL', base);
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(appVersion))
    throw new AppPackageError(`package.json version must be x.y.z, got "${appVersion}"`);
  const publicBase = baseUrl.href.replace(/\/$/, '');
  // Unset links point at a page the service itself serves: its privacy notice (the bare base address
  // answers 404, which is what Teams showed behind "Privacy" and "Terms of use").
  const optionalUrl = (name: string) => {
    const value = read(name);
    return value ? httpsUrl(name, value).href : `${publicBase}${PRIVACY_PATH}`;
  };
  return {
    MicrosoftAppId: botId.toLowerCase(),
    APP_VERSION: appVersion,
    PUBLIC_BASE_URL: publicBase,
    PUBLIC_HOST: baseUrl.host,
    TEAMS_APP_WEBSITE_URL: optionalUrl('TEAMS_APP_WEBSITE_URL'),
    TEAMS_APP_PRIVACY_URL: optionalUrl('TEAMS_APP_PRIVACY_URL'),
    TEAMS_APP_TERMS_URL: optionalUrl('TEAMS_APP_TERMS_URL'),
  };
}

/** Replaces every {{NAME}} in the template text; an unknown placeholder is an error, not a silent blank. */
export function renderManifest(template: string, settings: ManifestSettings): Record<string, unknown> {
  const values: Record<string, string> = { ...settings };
  const text = template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new AppPackageError(`${TEMPLATE_FILE} uses an unknown placeholder {{${name}}}`);
    return JSON.stringify(value).slice(1, -1); // JSON-escaped, the template puts it inside quotes
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** The files of the package by their name in the zip. */
export type PackageFiles = Map<string, Buffer>;

interface ManifestReferences {
  icons?: { color?: string; outline?: string };
  localizationInfo?: { additionalLanguages?: { file: string }[]; defaultLanguageFile?: string };
}

/** The files a manifest refers to: its two icons and its localization files. */
export function referencedFiles(manifest: Record<string, unknown>): string[] {
  const refs = manifest as ManifestReferences;
  const files = [refs.icons?.color, refs.icons?.outline, refs.localizationInfo?.defaultLanguageFile];
  for (const lang of refs.localizationInfo?.additionalLanguages ?? []) files.push(lang.file);
  return files.filter((f): f is string => typeof f === 'string');
}

/** Renders the manifest and collects it with the files it refers to from `dir`. */
export function collectPackageFiles(settings: ManifestSettings, dir: string = MANIFEST_DIR): PackageFiles {
  const manifest = renderManifest(readFileSync(join(dir, TEMPLATE_FILE), 'utf8'), settings);
  const files: PackageFiles = new Map([['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n')]]);
  for (const name of referencedFiles(manifest)) {
    if (!existsSync(join(dir, name)))
      throw new AppPackageError(`${name} is named in the manifest but missing in ${dir}`);
    files.set(name, readFileSync(join(dir, name)));
  }
  return files;
}

const SCHEMA_DIR = join(
  dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

/** Loads a schema bundled with @microsoft/app-manifest; never goes to the network. */
function bundledSchema(version: string, file: string): object {
  const path = join(SCHEMA_DIR, `v${version}`, file);
  if (!existsSync(path))
    throw new AppPackageError(`manifestVersion ${version}: @microsoft/app-manifest bundles no ${file} for it`);
  const text = readFileSync(path, 'utf8')
    // Some bundled schemas contain \a and \v escapes that JSON does not know (the package does the same).
    .replace(/\\a/g, '\\u0007')
    .replace(/\\v/g, '\\u000b')
    // The localization schema writes a literal "]" unescaped after \b ("…\b]\.description$"), which
    // Ajv's unicode regular expressions reject; escaping it keeps the meaning.
    .replace(/\\\\b\]/g, '\\\\b\\\\]');
  return JSON.parse(text) as object;
}

function checkIcon(name: string, png: Buffer | undefined, size: number, outline: boolean): string[] {
  if (!png) return [`${name}: missing from the package`];
  let header;
  try {
    header = readPngHeader(png);
  } catch {
    return [`${name}: not a PNG file`];
  }
  const problems: string[] = [];
  if (header.width !== size || header.height !== size)
    problems.push(`${name}: must be ${size}×${size} pixels, is ${header.width}×${header.height}`);
  if (outline) {
    if (header.colorType !== 6 && header.colorType !== 4)
      problems.push(`${name}: must have a transparent background (an alpha channel)`);
    else if (header.colorType === 6 && header.bitDepth === 8 && problems.length === 0) {
      const { rgba } = decodeRgbaPng(png);
      for (let i = 0; i < rgba.length; i += 4)
        if (rgba[i + 3]! > 0 && (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255)) {
          problems.push(`${name}: must be white on transparent (found a coloured pixel)`);
          break;
        }
    }
  }
  return problems;
}

/**
 * Everything wrong with a package, as readable lines (empty when it is fine): schema errors of the
 * manifest and its localization files against the bundled official schemas, missing or extra
 * files, and icon sizes.
 */
export async function validatePackageFiles(files: PackageFiles): Promise<string[]> {
  const raw = files.get('manifest.json');
  if (!raw) return ['manifest.json: missing from the package'];
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    return [`manifest.json: not valid JSON (${(e as Error).message})`];
  }
  const version = typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : '';
  const problems: string[] = [];
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(
    manifest as never,
    bundledSchema(version, 'MicrosoftTeams.schema.json') as never,
  );
  problems.push(...schemaErrors.map((e) => `manifest.json: ${e.trim()}`));

  const refs = manifest as ManifestReferences;
  const expected = new Set(['manifest.json', ...referencedFiles(manifest)]);
  for (const name of expected)
    if (!files.has(name)) problems.push(`${name}: named in the manifest but missing from the package`);
  for (const name of files.keys())
    if (!expected.has(name)) problems.push(`${name}: not referenced by the manifest, does not belong in the package`);

  for (const lang of refs.localizationInfo?.additionalLanguages ?? []) {
    const content = files.get(lang.file);
    if (!content) continue;
    let localization: object;
    try {
      localization = JSON.parse(content.toString('utf8')) as object;
    } catch (e) {
      problems.push(`${lang.file}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const errors = await AppManifestUtils.validateAgainstSchema(
      localization as never,
      bundledSchema(version, 'MicrosoftTeams.Localization.schema.json') as never,
    );
    problems.push(...errors.map((e) => `${lang.file}: ${e.trim()}`));
  }
  if (refs.icons?.color) problems.push(...checkIcon(refs.icons.color, files.get(refs.icons.color), 192, false));
  if (refs.icons?.outline) problems.push(...checkIcon(refs.icons.outline, files.get(refs.icons.outline), 32, true));
  return problems;
}

/** Zips the files flat at the root (Teams rejects nested folders), with a fixed date so builds are reproducible. */
export async function zipPackage(files: PackageFiles): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2021, 0, 1));
  for (const [name, content] of files) zip.file(name, content, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Renders, validates and zips; throws an AppPackageError listing every problem. */
export async function buildAppPackage(
  env: NodeJS.ProcessEnv,
  appVersion: string,
  dir: string = MANIFEST_DIR,
): Promise<{ zip: Buffer; files: string[] }> {
  const files = collectPackageFiles(manifestSettings(env, appVersion), dir);
  const problems = await validatePackageFiles(files);
  if (problems.length > 0) throw new AppPackageError(`The app package is not valid:\n  ${problems.join('\n  ')}`);
  return { zip: await zipPackage(files), files: [...files.keys()] };
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const { zip, files } = await buildAppPackage(process.env, version);
  mkdirSync(dirname(PACKAGE_FILE), { recursive: true });
  writeFileSync(PACKAGE_FILE, zip);
  console.log(`${PACKAGE_FILE} (${zip.length} bytes, version ${version}): ${files.join(', ')}`);
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e instanceof AppPackageError ? `npm run package: ${e.message}` : e);
    process.exit(1);
  });
