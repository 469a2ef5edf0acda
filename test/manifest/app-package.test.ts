import { PRIVACY_PATH } from '../../src/http/citizen-pages';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod';
import {
  AppPackageError,
  buildAppPackage,
  collectPackageFiles,
  manifestSettings,
  validatePackageFiles,
  type PackageFiles,
} from '../../scripts/package-manifest';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/generate-icons';
import { decodeRgbaPng, encodePng, readPngHeader } from '../../scripts/png';

// @microsoft/app-manifest requires strip-bom 5, an ES module that jest's CommonJS runtime cannot
// load on Node 22 (plain Node can: `npm run package` uses the real one). Same behaviour, CommonJS:
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const BOT_ID = '1b3c1a33-4e9f-4c55-9a39-0a6f7e0d2a11';
const env = { MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'https://termine.seelze.de' };
const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  version: string;
};
const manifestDir = join(__dirname, '..', '..', 'manifest');

function realFiles(): PackageFiles {
  return collectPackageFiles(manifestSettings(env, version));
}

/** The parts of manifest.json these tests read; everything else is kept as it is. */
const manifestShape = z.looseObject({
  $schema: z.string(),
  manifestVersion: z.string(),
  id: z.string(),
  version: z.string(),
  validDomains: z.array(z.string()),
  developer: z.looseObject({ privacyUrl: z.string() }),
  bots: z.array(
    z.looseObject({
      botId: z.string().optional(),
      scopes: z.array(z.string()),
      commandLists: z.array(
        z.looseObject({
          scopes: z.array(z.string()),
          commands: z.array(z.looseObject({ title: z.string(), description: z.string() })),
        }),
      ),
    }),
  ),
});
type Manifest = z.infer<typeof manifestShape>;

const parseJson = (data: Buffer | string | undefined): unknown => JSON.parse(String(data));

function manifestOf(files: PackageFiles): Manifest {
  return manifestShape.parse(parseJson(files.get('manifest.json')));
}

function firstBot(manifest: Manifest): Manifest['bots'][number] {
  const [bot] = manifest.bots;
  if (!bot) throw new Error('manifest.json has no bot');
  return bot;
}

function withManifest(files: PackageFiles, change: (m: Manifest) => void): PackageFiles {
  const manifest = manifestOf(files);
  change(manifest);
  return new Map(files).set('manifest.json', Buffer.from(JSON.stringify(manifest)));
}

function solidPng(size: number, rgba: [number, number, number, number]): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set(rgba, i);
  return encodePng(size, size, pixels);
}

describe('Teams app manifest', () => {
  it('validates offline against the bundled official schema, with its English localization file', async () => {
    const files = realFiles();
    expect(await validatePackageFiles(files)).toEqual([]);
    const manifest = manifestOf(files);
    expect(manifest.manifestVersion).toMatch(/^1\.2\d$/);
    expect(manifest.$schema).toContain(`/teams/v${manifest.manifestVersion}/`);
  });

  it('fills the bot id, the public domain and the version of package.json from the environment', () => {
    const manifest = manifestOf(realFiles());
    expect(manifest.id).toBe(BOT_ID);
    expect(firstBot(manifest).botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['termine.seelze.de']);
    expect(manifest.version).toBe(version);
    expect(manifest.developer.privacyUrl).toBe('https://termine.seelze.de/datenschutz');
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('points the privacy, terms and website links at the privacy notice the service serves, not at a 404', () => {
    const settings = manifestSettings(env, version);
    for (const url of [settings.TEAMS_APP_PRIVACY_URL, settings.TEAMS_APP_TERMS_URL, settings.TEAMS_APP_WEBSITE_URL])
      expect(new URL(url).pathname).toBe(PRIVACY_PATH);
    // Set explicitly, the city's own pages win.
    expect(
      manifestSettings({ ...env, TEAMS_APP_PRIVACY_URL: 'https://www.seelze.example/datenschutz' }, version)
        .TEAMS_APP_PRIVACY_URL,
    ).toBe('https://www.seelze.example/datenschutz');
  });

  it('offers the bot in personal chat and, for summaries, in teams and group chats', () => {
    const bot = firstBot(manifestOf(realFiles()));
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
  });

  it('lists the German commands and translates every one of them in en.json', () => {
    const files = realFiles();
    const lists = firstBot(manifestOf(files)).commandLists;
    const en = z.record(z.string(), z.string()).parse(parseJson(files.get('en.json')));
    const pairs = lists.flatMap((list, l) =>
      list.commands.map((c, i) => [c.title, en[`bots[0].commandLists[${l}].commands[${i}].title`]] as const),
    );
    expect(new Map(pairs)).toEqual(
      new Map([
        ['termin buchen', 'book'],
        ['meine termine', 'my appointments'],
        ['termine team', 'team agenda'],
        ['abwesend', 'absent'],
        ['tagesübersicht', 'summary'],
        ['ausfall', 'outage'],
        ['hilfe', 'help'],
      ]),
    );
    for (const [l, list] of lists.entries())
      for (const i of list.commands.keys())
        expect(en[`bots[0].commandLists[${l}].commands[${i}].description`]).toEqual(expect.any(String));
    expect(lists[0]!.commands).toHaveLength(7);
  });

  it('fails schema validation when the bot has no botId', async () => {
    const broken = withManifest(realFiles(), (m) => delete firstBot(m).botId);
    expect(await validatePackageFiles(broken)).toEqual([
      expect.stringMatching(/^manifest\.json: \/bots\/0 must have required property 'botId'/),
    ]);
  });

  it('fails when the app id is not a GUID', async () => {
    const broken = withManifest(realFiles(), (m) => (m.id = 'not-a-guid'));
    expect((await validatePackageFiles(broken)).join('\n')).toMatch(/manifest\.json: \/id must match pattern/);
  });

  it('fails when the colour icon is not 192×192', async () => {
    const broken = new Map(realFiles()).set('color.png', solidPng(96, [15, 90, 140, 255]));
    expect(await validatePackageFiles(broken)).toEqual(['color.png: must be 192×192 pixels, is 96×96']);
  });

  it('fails when the outline icon is not 32×32', async () => {
    const broken = new Map(realFiles()).set('outline.png', solidPng(48, [255, 255, 255, 0]));
    expect(await validatePackageFiles(broken)).toEqual(['outline.png: must be 32×32 pixels, is 48×48']);
  });

  it('fails when the outline icon is not white on transparent', async () => {
    const broken = new Map(realFiles()).set('outline.png', solidPng(32, [15, 90, 140, 255]));
    expect(await validatePackageFiles(broken)).toEqual([
      'outline.png: must be white on transparent (found a coloured pixel)',
    ]);
  });

  it('fails when a referenced file is missing or an unreferenced one is added', async () => {
    const files = new Map(realFiles());
    files.delete('en.json');
    files.set('notes.txt', Buffer.from('x'));
    expect(await validatePackageFiles(files)).toEqual([
      'en.json: named in the manifest but missing from the package',
      'notes.txt: not referenced by the manifest, does not belong in the package',
    ]);
  });

  it('commits icons of the right size that the icon script reproduces exactly', () => {
    const color = readFileSync(join(manifestDir, 'color.png'));
    const outline = readFileSync(join(manifestDir, 'outline.png'));
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, colorType: 6 });
    // Pixels, not bytes: another zlib may compress the same pixels differently.
    expect(decodeRgbaPng(drawColorIcon()).rgba.equals(decodeRgbaPng(color).rgba)).toBe(true);
    expect(decodeRgbaPng(drawOutlineIcon()).rgba.equals(decodeRgbaPng(outline).rgba)).toBe(true);
  });
});

describe('npm run package', () => {
  it('names the missing variable', () => {
    expect(() => manifestSettings({ PUBLIC_BASE_URL: 'https://termine.seelze.de' }, version)).toThrow(
      /^MicrosoftAppId is not set/,
    );
    expect(() => manifestSettings({ MicrosoftAppId: BOT_ID }, version)).toThrow(/^PUBLIC_BASE_URL is not set/);
    expect(() => manifestSettings({ MicrosoftAppId: 'bot', PUBLIC_BASE_URL: 'https://a.de' }, version)).toThrow(
      AppPackageError,
    );
  });

  it('refuses a public address without https', () => {
    expect(() => manifestSettings({ ...env, PUBLIC_BASE_URL: 'http://termine.seelze.de' }, version)).toThrow(
      /PUBLIC_BASE_URL must start with https:\/\//,
    );
  });

  it('builds a zip with exactly the manifest, the two icons and the English localization, flat at the root', async () => {
    const { zip } = await buildAppPackage(env, version);
    const unzipped = await JSZip.loadAsync(zip);
    expect(Object.keys(unzipped.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifest = manifestShape.parse(parseJson(await unzipped.file('manifest.json')?.async('string')));
    expect(firstBot(manifest).botId).toBe(BOT_ID);
    const color = await unzipped.file('color.png')!.async('nodebuffer');
    expect(color.equals(readFileSync(join(manifestDir, 'color.png')))).toBe(true);
  });

  it('refuses to build a package from a broken manifest and lists the problems', async () => {
    await expect(buildAppPackage({ ...env, TEAMS_APP_PRIVACY_URL: 'ftp://x' }, version)).rejects.toThrow(
      /TEAMS_APP_PRIVACY_URL must start with https/,
    );
  });
});
