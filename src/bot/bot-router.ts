import type { Command } from './commands';
import type { CommandRouter } from './router';

/** The router every handler module registers on (created in handlers.ts, commands from ./commands). */
export type BotRouter = CommandRouter<Command>;
