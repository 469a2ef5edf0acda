/**
 * SMS to citizens: the port and its providers (provider.ts), segment counting (segments.ts), the
 * texts (texts.ts, compose.ts) and the outbox delivery (delivery.ts). `createSmsProvider` builds the
 * configured provider; the network ones are imported only when configured.
 */
import type { Env } from '../config/env';
import { fileSmsProvider, type SmsProvider } from './provider';

export * from './provider';
export { SmsDelivery, smsReference } from './delivery';
export { composeSms } from './compose';
export { countSegments } from './segments';

export function createSmsProvider(env: Pick<Env, 'SMS_PROVIDER' | 'SMS_DIR'>): Promise<SmsProvider> {
  switch (env.SMS_PROVIDER) {
    case 'file':
      return Promise.resolve(fileSmsProvider(env.SMS_DIR));
  }
}
