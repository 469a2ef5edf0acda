import type { TurnContext } from 'botbuilder';
import { CommandRouter, toCardAction, type BotTurn, type Recognition } from '../../src/bot/command-router';
import { loadDirectoryFile } from '../../src/config/directory';
import { createLogger } from '../../src/logger';

type Cmd = { kind: 'help' } | { kind: 'book'; day?: string };
const directory = loadDirectoryFile('config/directory.example.json');
const turn: BotTurn = {
  context: {} as TurnContext,
  staff: directory.staff[0]!,
  directory,
  lang: 'de',
  timeZone: 'Europe/Berlin',
  now: 0,
  log: createLogger('silent'),
};

function router(recognition: Recognition<Cmd>) {
  const calls: string[] = [];
  const r = new CommandRouter<Cmd>(() => recognition, {
    notUnderstood: async () => void calls.push('notUnderstood'),
    suggest: async (_t, c) => void calls.push(`suggest:${c.kind}`),
    unknownAction: async (_t, a) => ({ message: `unknown:${a.verb}` }),
  });
  return { r, calls };
}

describe('command router', () => {
  it('runs the handler registered for a recognised command, with its arguments', async () => {
    const { r, calls } = router({ status: 'run', command: { kind: 'book', day: '2026-12-04' } });
    r.command('book', async (_t, c) => void calls.push(`book:${c.day}`));
    await r.routeText(turn, 'Termin buchen Freitag');
    expect(calls).toEqual(['book:2026-12-04']);
  });

  it('asks before running a suggested command', async () => {
    const { r, calls } = router({ status: 'suggest', command: { kind: 'book' } });
    r.command('book', async () => void calls.push('book'));
    await r.routeText(turn, 'terminn');
    expect(calls).toEqual(['suggest:book']);
  });

  it('answers "not understood" for unknown text and for a command nobody registered', async () => {
    const unknown = router({ status: 'unknown' });
    await unknown.r.routeText(turn, 'blorp');
    const unregistered = router({ status: 'run', command: { kind: 'book' } });
    await unregistered.r.routeText(turn, 'buchen');
    expect([...unknown.calls, ...unregistered.calls]).toEqual(['notUnderstood', 'notUnderstood']);
  });

  it('routes card actions by exact verb first, then by prefix', async () => {
    const { r } = router({ status: 'unknown' });
    r.action('book.hold', async () => ({ message: 'exact' }));
    r.action('book.*', async (_t, a) => ({ message: `prefix:${a.verb}:${String(a.data.serviceId)}` }));
    expect(await r.routeAction(turn, { verb: 'book.hold', data: {}, via: 'execute' })).toEqual({ message: 'exact' });
    expect(await r.routeAction(turn, { verb: 'book.slots', data: { serviceId: 'kfz' }, via: 'submit' })).toEqual({
      message: 'prefix:book.slots:kfz',
    });
    expect(await r.routeAction(turn, { verb: 'other', data: {}, via: 'execute' })).toEqual({
      message: 'unknown:other',
    });
  });

  it('refuses to register the same command or verb twice', () => {
    const { r } = router({ status: 'unknown' });
    r.command('help', async () => undefined);
    expect(() => r.command('help', async () => undefined)).toThrow(/twice/);
    r.action('a.b', async () => undefined);
    expect(() => r.action('a.b', async () => undefined)).toThrow(/twice/);
  });

  it('reads a card submission only when it carries a verb', () => {
    expect(toCardAction({ verb: 'book.start', day: '2026-12-04' }, 'submit')).toEqual({
      verb: 'book.start',
      data: { day: '2026-12-04' },
      via: 'submit',
    });
    expect(toCardAction({ msteams: { type: 'imBack' } }, 'submit')).toBeUndefined();
    expect(toCardAction('text', 'submit')).toBeUndefined();
  });
});
