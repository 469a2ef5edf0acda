/**
 * The Teams activity handler. Every turn passes the same gates before any command runs:
 *
 *   1. tenant   — with TEAMS_TENANT_ID set, activities from other tenants are refused;
 *   2. dedupe   — a re-delivered activity (same conversation + activity.id) is ignored;
 *   3. identity — from.aadObjectId must be a staff member of the directory, else a polite refusal
 *                 naming the supervisors to contact;
 *   4. reference — the conversation reference is stored/refreshed for proactive messages.
 *
 * Then: install / members added → welcome (once per conversation); text → router.routeText;
 * Action.Submit (message with value.verb) and Action.Execute (adaptiveCard/action invoke) →
 * router.routeAction. Dependencies come in through the constructor (see main.ts → createApp).
 *
 * Shared conversations (group chats, channels) never show citizen data: there the bot answers only
 * help and the supervisors' summary (without names); every other command or button is answered in
 * the person's personal chat with the bot (a short note in the group says so).
 */
import { indexDirectory } from '../domain/directory-index';
import { isSupervisor } from '../domain/supervision';
import {
  ActivityTypes,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  MessageFactory,
} from 'botbuilder';
import type { Clock } from '../domain/clock';
import { cleanDeep, cleanText } from '../domain/text';
import { TIME_ZONE, type Directory, type Language, type Staff } from '../domain/types';
import type { Logger } from '../logger';
import type { ActivityDedupe } from '../store/activity-dedupe';
import {
  isSharedConversation,
  type ConversationRefStore,
  type StoredConversationRef,
} from '../store/conversation-refs';
import { isActivityType } from './adapter';
import { helpCard } from './help-card';
import { botTexts, languageFor } from './i18n';
import { toReference } from './proactive';
import {
  toCardAction,
  type ActionResult,
  type BotTurn,
  type CardAction,
  type CommandRouter,
  type RoutableCommand,
} from './command-router';

export interface TeamsBotDeps<C extends RoutableCommand> {
  /** The current directory (reloadable); read once per turn. */
  directory: () => Directory;
  conversationRefs: ConversationRefStore;
  dedupe: ActivityDedupe;
  router: CommandRouter<C>;
  clock: Clock;
  logger: Logger;
  /** When set, only this Entra tenant may use the bot. */
  tenantId?: string;
  /** Runs on every turn of a known staff member before the handlers (e.g. a supervisor's missed summary); must not throw. */
  beforeTurn?: (turn: BotTurn) => Promise<void>;
  /**
   * Whether `beforeTurn` has anything to do for this person (read only). Asked together with the
   * activity's claim, so a turn with nothing waiting costs no round trip of its own; `beforeTurn`
   * runs when it says so or fails. Without it `beforeTurn` always runs.
   */
  waitingFor?: (staff: Staff) => Promise<boolean>;
  /** MicrosoftAppId ('' with authentication off): answers to the personal chat from a shared one. */
  appId?: string;
  /** Command kinds answered in group chats and channels (default: help and summary). */
  sharedCommands?: readonly string[];
}

// 'calendar-link', 'search' and 'team-agenda' answer in the group itself, only to ask for the personal chat.
const SHARED_COMMANDS = ['help', 'summary', 'calendar-link', 'search', 'team-agenda'];

const TURN = Symbol('sprechstunde.turn');
const TOO_LONG = Symbol('sprechstunde.tooLong');
/** Longest message text that is parsed as a command; longer ones get a polite note. */
export const MAX_TEXT_CHARS = 2000;

/** Tenant of a Teams activity: conversation.tenantId, or channelData.tenant.id. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
}

/**
 * True when the activity comes from this tenant: every tenant id it names (conversation.tenantId,
 * channelData.tenant.id) is this one, and it names at least one. A foreign id in either field refuses.
 */
export function fromTenant(activity: Partial<Activity>, tenantId: string): boolean {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const named = [activity.conversation?.tenantId, fromChannelData].filter((x) => x !== undefined && x !== null);
  return named.length > 0 && named.every((x) => typeof x === 'string' && x.toLowerCase() === tenantId.toLowerCase());
}

export function findStaff(directory: Directory, aadObjectId: string | undefined): Staff | undefined {
  if (!aadObjectId) return undefined;
  const id = aadObjectId.toLowerCase();
  return indexDirectory(directory).staffByAad(id);
}

/** "Anna Schulz, Markus Weber oder termine@seelze.example" — whom an unknown user should ask. */
export function contactsLine(directory: Directory, lang: Language): string {
  const names = [...directory.staff.filter(isSupervisor).map((s) => s.name), directory.organisation.mailbox];
  const last = names.pop()!;
  return names.length ? `${names.join(', ')}${botTexts[lang].contactsJoin}${last}` : last;
}

export class TeamsBot<C extends RoutableCommand> extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps<C>) {
    super();
  }

  override async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const bindings = { turnId: activity.id, activityType: activity.type };
    // One child logger a turn (a pino child costs microseconds): the early one only when something is said.
    let early: Logger | undefined;
    const log = () => (early ??= this.deps.logger.child(bindings));
    const directory = this.deps.directory();
    const lang = languageFor(activity.locale);
    // A message far beyond any command (Teams caps what a person can type) is not parsed at all: the
    // recognizer's work grows with the text, and 200,000 characters blocked the event loop for seconds.
    if (typeof activity.text === 'string' && activity.text.length > MAX_TEXT_CHARS) {
      context.turnState.set(TOO_LONG, true);
      activity.text = activity.text.slice(0, MAX_TEXT_CHARS);
    }
    // The edge: what was typed or sent by a card is normalised before anything reads it (src/domain/text.ts).
    if (typeof activity.text === 'string') activity.text = cleanText(activity.text);
    if (activity.value !== undefined) activity.value = cleanDeep<unknown>(activity.value);

    const tenant = tenantOf(activity);
    if (this.deps.tenantId && !fromTenant(activity, this.deps.tenantId)) {
      log().warn({ tenant: tenant ?? null }, 'activity from a foreign tenant refused');
      await this.refuse(context, botTexts[lang].wrongTenant(directory.organisation.name));
      return;
    }

    const conversationId = activity.conversation?.id ?? '';
    const deduped = Boolean(activity.id && conversationId);
    const staff = findStaff(directory, activity.from?.aadObjectId);
    // The claim and the reference's read go out together (one round trip, not two after each other):
    // a re-delivered activity carries the reference already saved, so saving it then changes nothing.
    const claimed = deduped ? this.deps.dedupe.claim(conversationId, activity.id!) : true;
    const referenceSaved = staff ? this.saveReference(staff, activity) : Promise.resolve();
    referenceSaved.catch(() => undefined);
    const waiting = staff && this.deps.beforeTurn && this.deps.waitingFor ? this.deps.waitingFor(staff) : undefined;
    const beforeTurnNeeded = waiting ? waiting.catch(() => true) : Promise.resolve(true);
    if (!(await claimed)) {
      log().info('re-delivered activity ignored');
      if (isActivityType(activity, ActivityTypes.Invoke)) {
        // The same answer as the first delivery (waiting a little while that one is still running).
        let body = await this.deps.dedupe.answerOf(conversationId, activity.id!);
        for (let i = 0; body === undefined && i < 10; i++) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          body = await this.deps.dedupe.answerOf(conversationId, activity.id!);
        }
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: body ?? invokeResponse({ message: botTexts[lang].stillWorking }) },
        });
      }
      return;
    }

    try {
      if (!staff) {
        log().warn({ known: false }, 'activity from a user who is not in the directory');
        // Only answer what a person did; silent activities (typing, reactions) get no refusal.
        if (
          isActivityType(activity, ActivityTypes.Message) ||
          isActivityType(activity, ActivityTypes.Invoke) ||
          this.isWelcomeTrigger(activity)
        ) {
          await this.refuse(context, botTexts[lang].unknownUser(contactsLine(directory, lang)));
        }
        return;
      }
      await referenceSaved;
      const turn: BotTurn = {
        context,
        staff,
        directory,
        lang: languageFor(activity.locale, staff.language),
        timeZone: activity.localTimezone || TIME_ZONE,
        now: this.deps.clock.now(),
        log: this.deps.logger.child({ ...bindings, staffId: staff.id }),
        ...(activity.conversation && isSharedConversation(activity.conversation) ? { shared: true } : {}),
      };
      context.turnState.set(TURN, turn);
      if (this.deps.beforeTurn && !turn.shared && (await beforeTurnNeeded)) await this.deps.beforeTurn(turn);
      await super.run(context);
    } catch (e) {
      // Let Teams' retry (or the user's repeat) do the work the failed turn did not finish.
      if (deduped) await this.deps.dedupe.release(conversationId, activity.id!).catch(() => undefined);
      throw e;
    }
  }

  /** The BotTurn prepared by `run` for this context (handlers get it from the router). */
  static turnOf(context: TurnContext): BotTurn | undefined {
    return context.turnState.get<BotTurn | undefined>(TURN);
  }

  private turn(context: TurnContext): BotTurn {
    const turn = TeamsBot.turnOf(context);
    if (!turn) throw new Error('turn not prepared');
    return turn;
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const turn = this.turn(context);
    const action = toCardAction(context.activity.value, 'submit');
    if (action) {
      if (turn.shared && !this.sharedAllows(turn, action)) {
        await context.sendActivity(await this.answerPersonally(turn, (p) => this.deps.router.routeAction(p, action)));
        return;
      }
      await this.deps.router.routeAction(turn, action);
      return;
    }
    if (context.turnState.get(TOO_LONG)) {
      turn.log.info({ textTooLong: true }, 'message text too long; not parsed');
      await context.sendActivity(botTexts[turn.lang].textTooLong(MAX_TEXT_CHARS));
      return;
    }
    const text = context.activity.text
      ? (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text)
      : '';
    if (turn.shared && !this.sharedAllowsText(turn, text)) {
      await context.sendActivity(await this.answerPersonally(turn, (p) => this.deps.router.routeText(p, text)));
      return;
    }
    await this.deps.router.routeText(turn, text);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const response = await this.answerInvoke(context, invokeValue);
    const { id, conversation } = context.activity;
    // A re-delivery of this invoke (Teams retries after ~15 s) gets this answer again. The answer does
    // not wait for it (a round trip of every button press): the write goes out on the same connection
    // before any later command, so a re-delivery's read finds it; lost, the re-delivery says "still working".
    if (id && conversation?.id) {
      // The turn (and its context) has ended when this fails: its logger is taken now.
      const log = this.turn(context).log;
      void this.deps.dedupe
        .saveAnswer(conversation.id, id, response)
        .catch((e: unknown) => log.warn({ err: (e as Error).name }, 'invoke answer not kept'));
    }
    return response;
  }

  private async answerInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = this.turn(context);
    const action = toCardAction({ ...(invokeValue.action?.data ?? {}), verb: invokeValue.action?.verb }, 'execute');
    if (action && turn.shared && !this.sharedAllows(turn, action)) {
      // The pressed card stays as it is; the answer (a card) arrives in the personal chat.
      const note = await this.answerPersonally(turn, async (p) => {
        const result = await this.deps.router.routeAction(p, action);
        if (result && 'card' in result)
          await p.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(result.card)));
        else if (result && 'message' in result) await p.context.sendActivity(result.message);
      });
      return invokeResponse({ message: note });
    }
    const result: ActionResult = action
      ? await this.deps.router.routeAction(turn, action)
      : { message: botTexts[turn.lang].notUnderstood };
    return invokeResponse(result);
  }

  /** In a shared conversation: text that is help, the summary, or not understood (answered with help). */
  private sharedAllowsText(turn: BotTurn, text: string): boolean {
    const recognition = this.deps.router.recognizeText(text, turn);
    return (
      recognition.status === 'unknown' ||
      (this.deps.sharedCommands ?? SHARED_COMMANDS).includes(recognition.command.kind)
    );
  }

  /** In a shared conversation: buttons that run an allowed command as if typed. */
  private sharedAllows(turn: BotTurn, action: CardAction): boolean {
    return action.verb === 'command' && typeof action.data.text === 'string'
      ? this.sharedAllowsText(turn, action.data.text)
      : false;
  }

  /**
   * Runs `answer` in the person's personal chat with the bot (a new turn there, same person and
   * directory); returns the note for the shared conversation.
   */
  private async answerPersonally(turn: BotTurn, answer: (personal: BotTurn) => Promise<unknown>): Promise<string> {
    const ref = await this.deps.conversationRefs.get(turn.staff.aadObjectId);
    if (!ref) return botTexts[turn.lang].openPersonal;
    await turn.context.adapter.continueConversationAsync(this.deps.appId ?? '', toReference(ref), async (context) => {
      // A new message in the personal chat, not a reply to the continuation event's made-up id.
      delete (context.activity as Partial<Activity>).id;
      await answer({ ...turn, context, shared: false });
    });
    turn.log.info('shared conversation: answered in the personal chat');
    return botTexts[turn.lang].answeredPersonally;
  }

  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    if (this.isWelcomeTrigger(context.activity)) await this.welcome(context);
    await super.onConversationUpdateActivity(context);
  }

  protected override async onInstallationUpdateActivity(context: TurnContext): Promise<void> {
    if (this.isWelcomeTrigger(context.activity)) await this.welcome(context);
    await super.onInstallationUpdateActivity(context);
  }

  /** Install (installationUpdate add), or members added to a conversation with the bot. */
  private isWelcomeTrigger(activity: Partial<Activity>): boolean {
    if (isActivityType(activity, ActivityTypes.InstallationUpdate))
      return activity.action === 'add' || activity.action === 'add-upgrade';
    return isActivityType(activity, ActivityTypes.ConversationUpdate) && (activity.membersAdded?.length ?? 0) > 0;
  }

  /** Teams sends both conversationUpdate and installationUpdate on install: welcome once. */
  private async welcome(context: TurnContext): Promise<void> {
    const turn = this.turn(context);
    const conversationId = context.activity.conversation?.id ?? '';
    if (!(await this.deps.dedupe.once(`welcome\n${conversationId}\n${turn.staff.id}`, 10 * 60))) return;
    await context.sendActivity(
      `**${botTexts[turn.lang].welcomeTitle(turn.staff.name)}**\n\n${botTexts[turn.lang].welcomeBody}`,
    );
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(helpCard(turn.lang, turn.staff))));
  }

  private async refuse(context: TurnContext, text: string): Promise<void> {
    if (isActivityType(context.activity, ActivityTypes.Invoke)) {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: invokeResponse({ message: text }) },
      });
      return;
    }
    await context.sendActivity(text);
  }

  private async saveReference(staff: Staff, activity: Activity): Promise<void> {
    const ref = TurnContext.getConversationReference(activity);
    if (!ref.channelId || !ref.serviceUrl || !ref.conversation?.id || !ref.bot?.id || !ref.user?.id) return;
    const stored: StoredConversationRef = {
      channelId: ref.channelId,
      serviceUrl: ref.serviceUrl,
      locale: ref.locale,
      conversation: {
        id: ref.conversation.id,
        tenantId: tenantOf(activity),
        conversationType: ref.conversation.conversationType,
        isGroup: ref.conversation.isGroup,
      },
      bot: { id: ref.bot.id, name: ref.bot.name },
      user: { id: ref.user.id, aadObjectId: ref.user.aadObjectId ?? staff.aadObjectId },
    };
    await this.deps.conversationRefs.save(staff.aadObjectId, stored);
  }
}

function invokeResponse(result: ActionResult): AdaptiveCardInvokeResponse {
  if (result && 'card' in result)
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card };
  const message = result && 'message' in result ? result.message : '';
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: message as unknown as Record<string, unknown>,
  };
}
