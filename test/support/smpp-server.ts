/**
 * A real SMPP 3.4 server on loopback (the server side of the `smpp` package) standing in for an
 * aggregator's SMSC: checks system_id/password on bind, answers submit_sm (by default with a new
 * message id; `onSubmit` may answer with a status instead), sends delivery receipts and citizen
 * replies as deliver_sm, and can drop every connection. Used by test/sms and bench/sms.ts.
 */
import type { AddressInfo, Server } from 'node:net';

/** The server side of the `smpp` package, as far as used here (it ships no types). */
interface ServerPdu {
  command_status: number;
  system_id: string;
  password: string;
  destination_addr: string;
  source_addr: string;
  source_addr_ton: number;
  data_coding: number;
  esm_class: number;
  registered_delivery: number;
  /** Decoded by data_coding: the text and the UDH's information elements. */
  short_message?: { message?: string; udh?: Buffer[] };
  response(options?: Record<string, unknown>): ServerPdu;
}
interface ServerSession {
  bound?: boolean;
  on(event: 'close' | 'error', listener: () => void): void;
  on(event: string, listener: (pdu: ServerPdu) => void): void;
  send(pdu: ServerPdu): void;
  deliver_sm(fields: Record<string, unknown>, callback: (pdu: ServerPdu) => void): void;
  close(): void;
  destroy(): void;
}
interface SmppServerModule {
  createServer(listener: (session: ServerSession) => void): Server;
  ESME_RINVPASWD: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smpp = require('smpp') as SmppServerModule;

export interface ReceivedSubmit {
  destination: string;
  source: string;
  sourceTon: number;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** The user data header's information elements (concatenation: 00 03 ref total part), when there is one. */
  udh: Buffer | null;
  /** The text as the SMSC decoded it by data_coding (GSM-7 or UCS-2). */
  text: string;
  messageId: string;
}

export interface TestSmsc {
  url: string;
  port: number;
  submits: ReceivedSubmit[];
  binds: { systemId: string; ok: boolean }[];
  enquireLinks: number;
  deliverAnswers: number[];
  /** Answer each submit_sm with this status instead of ESME_ROK (return undefined for the default). */
  onSubmit: ((s: Omit<ReceivedSubmit, 'messageId'>, n: number) => number | undefined) | null;
  /** Refuse binds (wrong password etc.) while set. */
  refuseBinds: boolean;
  /** Delays each submit_sm_resp by this many ms. */
  respondAfterMs: number;
  /** Sends a delivery receipt for a message id; resolves with the ESME's command_status. */
  receipt(
    messageId: string,
    stat: 'DELIVRD' | 'UNDELIV' | 'EXPIRED' | 'REJECTD' | 'ENROUTE',
    err?: string,
  ): Promise<number>;
  /** Sends a citizen's SMS (a mobile originated message) from `from` (digits, international). */
  reply(from: string, text: string): Promise<number>;
  /** Closes every session's socket (the aggregator's side drops the connection). */
  dropAll(): void;
  bound(): number;
  close(): Promise<void>;
}

export async function startTestSmsc(credentials = { systemId: 'seelze', password: 'geheim' }): Promise<TestSmsc> {
  const sessions = new Set<ServerSession>();
  let counter = 0;
  const smsc: TestSmsc = {
    url: '',
    port: 0,
    submits: [],
    binds: [],
    enquireLinks: 0,
    deliverAnswers: [],
    onSubmit: null,
    refuseBinds: false,
    respondAfterMs: 0,
    receipt: (messageId, stat, err = stat === 'DELIVRD' ? '000' : '001') =>
      deliver({
        esm_class: 0x04,
        source_addr: '4915112345678',
        destination_addr: 'Seelze',
        short_message: `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2612070900 done date:2612070901 stat:${stat} err:${err} text:`,
      }),
    reply: (from, text) =>
      deliver({
        esm_class: 0,
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: from,
        destination_addr: 'Seelze',
        short_message: text,
      }),
    dropAll: () => {
      for (const s of sessions) s.destroy();
    },
    bound: () => [...sessions].filter((s) => s.bound).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };

  function deliver(fields: Record<string, unknown>): Promise<number> {
    const session = [...sessions].find((s) => s.bound);
    if (!session) return Promise.reject(new Error('no bound session'));
    return new Promise((resolve) => {
      session.deliver_sm(fields, (pdu: ServerPdu) => {
        smsc.deliverAnswers.push(pdu.command_status);
        resolve(pdu.command_status);
      });
    });
  }

  const server = smpp.createServer((session: ServerSession) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: ServerPdu) => {
      const ok = !smsc.refuseBinds && pdu.system_id === credentials.systemId && pdu.password === credentials.password;
      smsc.binds.push({ systemId: pdu.system_id, ok });
      if (!ok) {
        session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
        session.close();
        return;
      }
      session.bound = true;
      session.send(pdu.response({ system_id: 'TestSMSC' }));
    });
    session.on('enquire_link', (pdu: ServerPdu) => {
      smsc.enquireLinks += 1;
      session.send(pdu.response());
    });
    session.on('unbind', (pdu: ServerPdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: ServerPdu) => {
      // The package decodes short_message by data_coding: { message: text, udh: [information elements] }.
      const message = pdu.short_message;
      const udh = message?.udh?.length ? Buffer.concat(message.udh) : null;
      const received = {
        destination: pdu.destination_addr,
        source: pdu.source_addr,
        sourceTon: pdu.source_addr_ton,
        dataCoding: pdu.data_coding,
        esmClass: pdu.esm_class,
        registeredDelivery: pdu.registered_delivery,
        udh,
        text: String(message?.message ?? ''),
      };
      const status = smsc.onSubmit?.(received, smsc.submits.length + 1);
      const answer = () => {
        if (status !== undefined && status !== 0) return session.send(pdu.response({ command_status: status }));
        counter += 1;
        const messageId = `m${counter.toString(16).padStart(6, '0')}`;
        smsc.submits.push({ ...received, messageId });
        session.send(pdu.response({ message_id: messageId }));
      };
      if (smsc.respondAfterMs > 0) setTimeout(answer, smsc.respondAfterMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smsc.port = (server.address() as AddressInfo).port;
  smsc.url = `smpp://${credentials.systemId}:${credentials.password}@127.0.0.1:${smsc.port}`;
  return smsc;
}
