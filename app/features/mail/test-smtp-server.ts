import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on a free loopback port that keeps every message it accepts, parsed. */
export interface TestSmtpServer {
  url: string;
  /** Messages accepted, in the order the server acknowledged them. */
  received: ParsedMail[];
  /** While set, every recipient is refused at RCPT TO with this reply code (4xx temporary, 5xx permanent). */
  refuseRecipients: number | undefined;
  /** Recipients refused at RCPT TO whatever `refuseRecipients` says, with their reply code. */
  refusedAddresses: Map<string, number>;
  /** While set, every message is refused after its data (end of DATA) with this reply code. */
  refuseData: number | undefined;
  /** How long the server takes to acknowledge each message, to have deliveries in flight. */
  deliveryDelayMs: number;
  /** Messages whose data the server has begun to receive, acknowledged or not. */
  dataStarted: number;
  close: () => Promise<void>;
}

const replies: Record<number, string> = {
  450: "Mailbox temporarily unavailable",
  451: "Local error in processing, try again later",
  550: "Mailbox unavailable",
  554: "Message rejected",
};

const refusal = (code: number) => Object.assign(new Error(replies[code] ?? "Refused"), { responseCode: code });

/** Listens on `listenPort` (any free one by default). */
export async function startTestSmtpServer(listenPort = 0): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const state = {
    refuseRecipients: undefined as number | undefined,
    refusedAddresses: new Map<string, number>(),
    refuseData: undefined as number | undefined,
    deliveryDelayMs: 0,
    dataStarted: 0,
  };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Clients of a pool keep their connections open: closing ends them after a second, not thirty.
    closeTimeout: 1000,
    // Without a certificate of its own, STARTTLS would offer a self-signed one the client refuses.
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      const code = state.refusedAddresses.get(address.address) ?? state.refuseRecipients;
      callback(code === undefined ? undefined : refusal(code));
    },
    onData(stream, _session, callback) {
      state.dataStarted += 1;
      simpleParser(stream)
        .then(async (mail) => {
          if (state.deliveryDelayMs > 0) await sleep(state.deliveryDelayMs);
          if (state.refuseData !== undefined) return callback(refusal(state.refuseData));
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client killed mid-conversation resets its connection: that is what tests do, not a failure.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET") throw error;
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  });
}
