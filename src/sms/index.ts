/**
 * SMS to citizens: the port and its providers (provider.ts, smpp.ts, seven.ts), segment counting
 * (segments.ts), the texts (texts.ts, compose.ts) and the outbox delivery (delivery.ts).
 * `createSmsProvider` builds the configured provider; a network one loads its library only when configured.
 */
import type { Env } from '../config/env';
import type { Logger } from '../logger';
import { fileSmsProvider, type SmsProvider } from './provider';
import { SevenProvider } from './seven';
import { parseSmppUrl, SmppProvider } from './smpp';

export * from './provider';
export { SmsDelivery } from './delivery';

type SmsEnv = Pick<
  Env,
  | 'SMS_PROVIDER'
  | 'SMS_DIR'
  | 'SMS_URL'
  | 'SMS_SENDER'
  | 'SMS_SMPP_WINDOW'
  | 'SMS_RATE_PER_SECOND'
  | 'SMS_API_KEY'
  | 'SMS_API_URL'
>;

/** The configured provider; an SMPP one starts binding at once (a bind failure shows at start-up). */
export function createSmsProvider(env: SmsEnv, logger: Logger): Promise<SmsProvider> {
  switch (env.SMS_PROVIDER) {
    case 'file':
      return Promise.resolve(fileSmsProvider(env.SMS_DIR));
    case 'smpp': {
      const url = env.SMS_URL ? parseSmppUrl(env.SMS_URL) : null;
      // env.ts checked the form already; this names the setting if a caller skipped loadEnv.
      if (!url) throw new Error('SMS_URL: must be smpp://system_id:password@host:2775 with SMS_PROVIDER=smpp');
      const provider = new SmppProvider({
        url,
        sender: env.SMS_SENDER,
        window: env.SMS_SMPP_WINDOW,
        ratePerSecond: env.SMS_RATE_PER_SECOND,
        logger,
      });
      provider.start();
      return Promise.resolve(provider);
    }
    case 'seven': {
      // env.ts checked it already; this names the setting if a caller skipped loadEnv.
      if (!env.SMS_API_KEY) throw new Error('SMS_API_KEY: required with SMS_PROVIDER=seven');
      return Promise.resolve(
        new SevenProvider({ apiKey: env.SMS_API_KEY, sender: env.SMS_SENDER, apiUrl: env.SMS_API_URL, logger }),
      );
    }
  }
}
