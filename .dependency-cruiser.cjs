/**
 * Layer rules for src/ (run by `npm run lint`; ESLint covers style and types).
 *
 *   domain  pure: imports no other folder of src
 *   app     use cases: the domain and app's own ports only
 *   store   Redis: never delivery, bot, http or jobs
 *   bot     the only place botbuilder / botframework-* may be imported
 *   no import cycles anywhere
 */

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: split the shared part into a file of its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports nothing else from src (no I/O, no framework).',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'app-uses-domain-and-ports',
      severity: 'error',
      comment: 'src/app imports only the domain and its own modules (ports in app/ports.ts).',
      from: { path: '^src/app/' },
      to: { path: '^src/', pathNot: ['^src/app/', '^src/domain/'] },
    },
    {
      name: 'i18n-uses-domain-only',
      comment: 'Catalogs and date formats are shared by every edge; they know nothing but domain types.',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: '^src/', pathNot: ['^src/i18n/', '^src/domain/'] },
    },
    {
      name: 'store-below-delivery',
      severity: 'error',
      comment: 'src/store never imports delivery (mail, Teams notices), bot, http or jobs.',
      from: { path: '^src/store/' },
      to: { path: '^src/(delivery|bot|http|jobs)/' },
    },
    {
      name: 'botbuilder-only-in-bot',
      severity: 'error',
      comment: 'botbuilder and botframework-* only under src/bot (see docs/adr).',
      from: { path: '^src/', pathNot: '^src/bot/' },
      to: { path: 'node_modules/(botbuilder|botframework-)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
