import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on a free loopback port that keeps every message it accepts, parsed. */
export interface TestSmtpServer {
  url: string;
  received: ParsedMail[];
  /** While true, every recipient is refused with a temporary error (450). */
  refuseRecipients: boolean;
  close: () => Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const state = { refuseRecipients: false };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Without a certificate of its own, STARTTLS would offer a self-signed one the client refuses.
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, callback) {
      if (!state.refuseRecipients) return callback();
      callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 450 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  });
}
