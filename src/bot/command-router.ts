/**
 * Command router: maps what a staff member typed, or the button they pressed, to a handler.
 *
 * How to add a command (the only place is src/bot/handlers.ts → registerHandlers):
 *
 *   router.command('book', async (turn, command) => { await turn.context.sendActivity(...) });
 *   router.action('book.service', async (turn, action) => ({ card }));   // exact verb
 *   router.action('book.*', handler);                                      // every verb starting "book."
 *
 * - Text goes through the injected `Recognizer` (text, now) → { status: 'run' | 'suggest' | 'unknown' }.
 *   'run' calls the handler registered for `command.kind`; 'suggest' asks "Meinten Sie …?" with a
 *   button that sends the command's label; 'unknown' (or a kind without handler) answers "not
 *   understood" plus the help card — so a half-registered command is never a silent dead end.
 * - Card buttons carry `{ verb, ...data }`: Action.Submit arrives as a message with `value`,
 *   Action.Execute as an `adaptiveCard/action` invoke. Both reach the same `action` handler as
 *   `CardAction { verb, data, via }`. For Action.Execute the handler may return `{ card }` to
 *   replace the card in place (or `{ message }` for a short text); Action.Submit handlers reply
 *   with `turn.context.sendActivity` and the returned value is ignored.
 * - Every handler gets a `BotTurn`: the TurnContext, the recognised staff member, the directory
 *   snapshot of this turn, the user's language and time zone, `now`, and a turn logger.
 */
import type { TurnContext } from 'botbuilder';
import type { Directory, Language, Staff } from '../domain/types';
import type { Logger } from '../logger';

export interface BotTurn {
  context: TurnContext;
  /** The directory member who wrote (recognised by AAD object id). */
  staff: Staff;
  /** The directory as it was when the turn started (reloads do not change it mid-turn). */
  directory: Directory;
  lang: Language;
  /** IANA zone from the Teams client (`localTimezone`), Europe/Berlin when absent. */
  timeZone: string;
  /** Epoch ms from the injected clock when the turn started. */
  now: number;
  log: Logger;
  /** A group chat or channel: nothing personal may be shown (see TeamsBot). */
  shared?: boolean;
}

export interface RoutableCommand {
  kind: string;
}

export type Recognition<C extends RoutableCommand> =
  { status: 'run'; command: C; corrected?: boolean } | { status: 'suggest'; command: C } | { status: 'unknown' };

/** `turn` gives recognizers that need it the directory of the turn (service names, colleagues). */
export type Recognizer<C extends RoutableCommand> = (text: string, now: number, turn: BotTurn) => Recognition<C>;

export interface CardAction {
  verb: string;
  /** Everything the button sent besides `verb` (Input.* values included). Parse it with zod. */
  data: Record<string, unknown>;
  via: 'submit' | 'execute';
}

/** What an Action.Execute handler may answer: a card replacing the pressed one, or a short text. */
export type ActionResult = { card: Record<string, unknown> } | { message: string } | void;

export type CommandHandler<C> = (turn: BotTurn, command: C) => Promise<void>;
export type ActionHandler = (turn: BotTurn, action: CardAction) => Promise<ActionResult>;

export interface RouterFallbacks<C extends RoutableCommand> {
  /** Text that matched nothing (or a command without handler). */
  notUnderstood(turn: BotTurn): Promise<void>;
  /** A likely command: ask before running it. */
  suggest(turn: BotTurn, command: C): Promise<void>;
  /** A button whose verb has no handler (an old card after an update, or tampered data). */
  unknownAction(turn: BotTurn, action: CardAction): Promise<ActionResult>;
}

type Handlers<C extends RoutableCommand> = { [K in C['kind']]?: CommandHandler<Extract<C, { kind: K }>> };

export class CommandRouter<C extends RoutableCommand> {
  private readonly commands: Handlers<C> = {};
  private readonly exactActions = new Map<string, ActionHandler>();
  private readonly prefixActions: [string, ActionHandler][] = [];

  constructor(
    private readonly recognize: Recognizer<C>,
    private readonly fallbacks: RouterFallbacks<C>,
  ) {}

  command<K extends C['kind']>(kind: K, handler: CommandHandler<Extract<C, { kind: K }>>): this {
    if (this.commands[kind]) throw new Error(`command "${kind}" is registered twice`);
    this.commands[kind] = handler;
    return this;
  }

  /** `verb` is exact ("book.hold") or a prefix ending in ".*" ("book.*"). */
  action(verb: string, handler: ActionHandler): this {
    if (verb.endsWith('.*')) this.prefixActions.push([verb.slice(0, -1), handler]);
    else {
      if (this.exactActions.has(verb)) throw new Error(`action "${verb}" is registered twice`);
      this.exactActions.set(verb, handler);
    }
    return this;
  }

  hasCommand(kind: string): boolean {
    return kind in this.commands;
  }

  /** Runs the handler of a command directly (e.g. a welcome that shows help). */
  async run(turn: BotTurn, command: C): Promise<boolean> {
    const handler = this.commands[command.kind as C['kind']] as CommandHandler<C> | undefined;
    if (!handler) return false;
    await handler(turn, command);
    return true;
  }

  /** What a text would run, without running it. */
  recognizeText(text: string, turn: BotTurn): Recognition<C> {
    return this.recognize(text, turn.now, turn);
  }

  async routeText(turn: BotTurn, text: string): Promise<void> {
    const recognition = this.recognize(text, turn.now, turn);
    if (recognition.status === 'suggest' && this.hasCommand(recognition.command.kind)) {
      await this.fallbacks.suggest(turn, recognition.command);
      return;
    }
    if (recognition.status === 'run' && (await this.run(turn, recognition.command))) return;
    if (recognition.status !== 'unknown')
      turn.log.warn({ kind: recognition.command.kind }, 'recognised command has no handler');
    await this.fallbacks.notUnderstood(turn);
  }

  async routeAction(turn: BotTurn, action: CardAction): Promise<ActionResult> {
    const handler =
      this.exactActions.get(action.verb) ?? this.prefixActions.find(([prefix]) => action.verb.startsWith(prefix))?.[1];
    if (!handler) {
      turn.log.warn({ verb: action.verb }, 'card action has no handler');
      return this.fallbacks.unknownAction(turn, action);
    }
    return handler(turn, action);
  }
}

/** Reads `{ verb, ...data }` from a card submission; undefined when there is no string verb. */
export function toCardAction(value: unknown, via: CardAction['via']): CardAction | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { verb, ...data } = value as Record<string, unknown>;
  return typeof verb === 'string' && verb.length > 0 && verb.length <= 100 ? { verb, data, via } : undefined;
}
