import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitUntil } from './wait-until';

export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** Attempts to deliver to an address the server saw, delivered or refused. */
  attemptsFor(address: string): number;
  /** Refuse every message with a temporary failure (451) while true. */
  failing: boolean;
  /** Resolves once `count` messages satisfy `match`, polling what arrived (no fixed sleeps). */
  waitFor(match: (mail: ParsedMail) => boolean, count?: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port that keeps and parses what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const state = { received: [] as ParsedMail[], attempts: new Map<string, number>(), failing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      for (const recipient of session.envelope.rcptTo)
        state.attempts.set(recipient.address, (state.attempts.get(recipient.address) ?? 0) + 1);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.failing) {
          const error = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 });
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            state.received.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const smtp: TestSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    attemptsFor: (address) => state.attempts.get(address) ?? 0,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    async waitFor(match, count = 1, timeoutMs = 20_000) {
      await waitUntil(
        () => ({
          matching: state.received.filter(match).length,
          received: state.received.map((mail) => mail.subject),
        }),
        {
          until: (seen) => seen.matching >= count,
          timeoutMs,
          intervalMs: 100,
          description: `${count} matching messages`,
        },
      );
      // Messages only ever arrive: the ones that matched are still first among those matching now.
      return state.received.filter(match);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return smtp;
}

/** The addresses a mail was sent to. */
export const recipientsOf = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((address) =>
    address.value.map((v) => v.address ?? ''),
  );

/** A mail to `email`, with a subject matching `subject` when given. */
export const sentTo = (email: string, subject?: RegExp) => (mail: ParsedMail) =>
  recipientsOf(mail).includes(email) && (!subject || subject.test(mail.subject ?? ''));
