import { readFileSync } from 'node:fs';
import { parseDirectory, loadDirectoryFile } from '../../src/config/directory';
import { ConfigError, loadEnv } from '../../src/config/env';

const example = () =>
  JSON.parse(readFileSync('config/directory.example.json', 'utf8')) as { staff: Record<string, unknown>[] } & Record<
    string,
    unknown
  >;

describe('configuration errors name what is wrong', () => {
  it('names a broken environment variable and what is expected', () => {
    expect(() => loadEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: 'abc' })).toThrow(/PORT: /);
    expect(() => loadEnv({ REDIS_URL: 'http://localhost' })).toThrow(
      /REDIS_URL: must start with redis:\/\/ or rediss:\/\//,
    );
  });

  it('refuses production without Bot Framework credentials', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId: required when NODE_ENV=production/);
  });

  it('asks for the tenant and the secret of a single-tenant app', () => {
    expect(() => loadEnv({ MicrosoftAppId: 'app' })).toThrow(/MicrosoftAppTenantId: required/);
    expect(() => loadEnv({ MicrosoftAppId: 'app', MicrosoftAppTenantId: 't' })).toThrow(
      /MicrosoftAppPassword: required for MicrosoftAppType=SingleTenant/,
    );
  });

  it('names what SMTP with XOAUTH2 and Graph sendMail need (Microsoft 365 without Basic authentication)', () => {
    const app = { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' };
    expect(loadEnv({}).MAIL_TRANSPORT).toBe('smtp');
    expect(loadEnv({}).SMTP_AUTH).toBe('password');
    expect(() => loadEnv({ MAIL_TRANSPORT: 'ews' })).toThrow(/MAIL_TRANSPORT: /);
    expect(() => loadEnv({ SMTP_AUTH: 'oauth' })).toThrow(/SMTP_AUTH: /);
    expect(() => loadEnv({ ...app, SMTP_AUTH: 'xoauth2' })).toThrow(/SMTP_URL: required with SMTP_AUTH=xoauth2/);
    expect(() => loadEnv({ ...app, SMTP_AUTH: 'xoauth2', SMTP_URL: 'smtp://smtp.office365.com:587' })).toThrow(
      /SMTP_URL: must name the mailbox user/,
    );
    expect(() =>
      loadEnv({ ...app, SMTP_AUTH: 'xoauth2', SMTP_URL: 'smtp://termine%40seelze.de:geheim@smtp.office365.com:587' }),
    ).toThrow(/SMTP_URL: must not contain a password with SMTP_AUTH=xoauth2/);
    expect(() =>
      loadEnv({ SMTP_AUTH: 'xoauth2', SMTP_URL: 'smtp://termine%40seelze.de@smtp.office365.com:587' }),
    ).toThrow(/GRAPH_CLIENT_SECRET: required with SMTP_AUTH=xoauth2/);
    expect(
      loadEnv({ ...app, SMTP_AUTH: 'xoauth2', SMTP_URL: 'smtp://termine%40seelze.de@smtp.office365.com:587' })
        .SMTP_AUTH,
    ).toBe('xoauth2');
    expect(() => loadEnv({ MAIL_TRANSPORT: 'graph' })).toThrow(/GRAPH_TENANT_ID: required with MAIL_TRANSPORT=graph/);
    expect(() => loadEnv({ ...app, MAIL_TRANSPORT: 'graph', SMTP_URL: 'smtp://relay.example:587' })).toThrow(
      /SMTP_URL: not used with MAIL_TRANSPORT=graph/,
    );
    expect(loadEnv({ ...app, MAIL_TRANSPORT: 'graph' }).MAIL_TRANSPORT).toBe('graph');
  });

  it('names a bad staff calendar setting and what the chosen provider needs', () => {
    expect(loadEnv({}).CALENDAR_PROVIDER).toBe('none');
    expect(() => loadEnv({ CALENDAR_PROVIDER: 'outlook' })).toThrow(/CALENDAR_PROVIDER: /);
    expect(() => loadEnv({ CALENDAR_SYNC_MINUTES: '90' })).toThrow(/CALENDAR_SYNC_MINUTES: /);
    expect(() => loadEnv({ CALENDAR_PROVIDER: 'caldav' })).toThrow(
      /CALDAV_URL: required with CALENDAR_PROVIDER=caldav/,
    );
    expect(() => loadEnv({ CALENDAR_PROVIDER: 'caldav', CALDAV_URL: 'https://dav.example/cal/' })).toThrow(
      /CALDAV_URL: must contain \{upn\}/,
    );
    expect(() => loadEnv({ CALENDAR_PROVIDER: 'graph' })).toThrow(
      /GRAPH_CLIENT_SECRET: required with CALENDAR_PROVIDER=graph/,
    );
  });

  it('accepts a managed identity without a secret', () => {
    const env = loadEnv({ MicrosoftAppId: 'app', MicrosoftAppTenantId: 't', MicrosoftAppType: 'UserAssignedMSI' });
    expect(env.MicrosoftAppType).toBe('UserAssignedMSI');
  });

  it('names the path of a bad field in the directory, e.g. staff[3].hours.tue', () => {
    const d = example();
    (d.staff[3]!.hours as Record<string, unknown>).tue = [['16:00', '08:00']];
    expect(() => parseDirectory(d)).toThrow(/staff\[3\]\.hours\.tue\[0\]: a working interval must end after it starts/);
    (d.staff[3]!.hours as Record<string, unknown>).tue = 'mornings';
    expect(() => parseDirectory(d)).toThrow(/staff\[3\]\.hours\.tue: /);
  });

  it('names an unknown team of a staff member', () => {
    const d = example();
    d.staff[1]!.team = 'no-such-team';
    expect(() => parseDirectory(d)).toThrow(/staff\[1\]\.team: unknown team "no-such-team"/);
  });

  it('takes a LeiKa id of 14 digits and what to bring, and names a bad one', () => {
    const d = example() as ReturnType<typeof example> & { services: Record<string, unknown>[] };
    const ausweis = parseDirectory(d).services.find((s) => s.id === 'ausweis')!;
    expect(ausweis.leikaId).toBe('99008001001000');
    expect(ausweis.bring?.de).toContain('biometrisches Passfoto');
    expect(ausweis.bring?.short?.de).toBe('Ausweis, biometrisches Passfoto');
    d.services[0]!.leikaId = '99-115';
    expect(() => parseDirectory(d)).toThrow(/services\[0\]\.leikaId: expected a LeiKa\/FIM id of 14 digits/);
  });

  it('asks for a short form of a long "bring" text, because SMS carry only that', () => {
    const d = example() as ReturnType<typeof example> & { services: Record<string, unknown>[] };
    d.services[0]!.bring = { de: 'x'.repeat(61), en: 'short enough' };
    expect(() => parseDirectory(d)).toThrow(/services\[0\]\.bring\.short: required when "bring\.de" is longer than 60/);
    d.services[0]!.bring = { de: 'Personalausweis', en: 'identity card' };
    expect(parseDirectory(d).services[0]!.bring).toEqual({ de: 'Personalausweis', en: 'identity card' });
  });

  it('takes an admin role (every team) and refuses an unknown role', () => {
    const d = example();
    d.staff[1]!.role = 'admin';
    expect(parseDirectory(d).staff[1]!.role).toBe('admin');
    d.staff[1]!.role = 'boss';
    expect(() => parseDirectory(d)).toThrow(/staff\[1\]\.role: /);
  });

  it('names DIRECTORY_FILE when the file is missing', () => {
    expect(() => loadDirectoryFile('config/does-not-exist.json')).toThrow(
      /DIRECTORY_FILE: cannot read "config\/does-not-exist.json" \(ENOENT\)/,
    );
  });

  it('loads the shipped example directory', () => {
    const d = loadDirectoryFile('config/directory.example.json');
    expect(d.staff.filter((s) => s.role === 'supervisor').length).toBeGreaterThanOrEqual(2);
  });
});
