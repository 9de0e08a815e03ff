// A message to the 5,000 registrations of an edition, written, reviewed and confirmed by an
// organiser through the built application with SMTP_URL set to a local SMTP server: how long
// until every recipient's e-mail is in the outbox, and the rate at which one process delivers
// them to the server (target: 100 a second). The server only counts what it accepts.
// Runs on PGlite, or on BENCH_DATABASE_URL (an empty PostgreSQL database).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { paths } from "~/lib/paths";
import { databaseName, withBusyEdition } from "./busy-edition";

const registrations = 5000;
const targetPerSecond = 100;

const accepted: { to: string; at: number }[] = [];
const smtp = new SMTPServer({
  logger: false,
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    stream.resume();
    stream.on("end", () => {
      for (const recipient of session.envelope.rcptTo) accepted.push({ to: recipient.address, at: performance.now() });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

try {
  await withBusyEdition(
    { port: Number(process.env.BENCH_PORT ?? 3396), registrations, staff: 1, env: { SMTP_URL: smtpUrl, MAIL_FROM: "Rencontres <no-reply@rencontres.test>" } },
    async ({ origin, cookies, csrfs }) => {
      const headers = { Cookie: cookies[0]!, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" };
      const post = (path: string, fields: Record<string, string>) =>
        fetch(origin + path, { method: "POST", headers, body: new URLSearchParams({ csrf: csrfs[0]!, ...fields }), redirect: "manual" });
      // Everyone of the edition: the table's view without a filter.
      const composed = await post(paths.backOfficeMessageCompose("fr", 2026, {}), {
        subject_fr: "Informations pratiques pour {name}",
        subject_en: "Practical information for {name}",
        body_fr: "Bonjour {first_name},\n\nVoici votre agenda :\n\n{agenda}\n\nVotre espace : {registration_link}",
        body_en: "Hello {first_name},\n\nHere is your agenda:\n\n{agenda}\n\nYour space: {registration_link}",
        audience: "view",
        view: "",
      });
      const location = composed.headers.get("Location") ?? "";
      const messageId = Number(/\/(\d+)\?/.exec(location)?.[1]);
      if (composed.status !== 303 || !messageId) throw new Error(`composing answered ${composed.status} ${location}`);
      const report = paths.backOfficeMessage("fr", 2026, messageId);

      // The review says how many people it reaches; confirming repeats that number.
      const review = await (await fetch(origin + report, { headers: { Cookie: cookies[0]! } })).text();
      const expected = Number(/name="expected" value="(\d+)"/.exec(review)?.[1]);
      // The demo edition's own participants come on top of the 5,000.
      if (!(expected >= registrations)) throw new Error(`the review counts ${expected} recipients`);
      const confirmedAt = performance.now();
      const confirmed = await post(report, { intent: "confirm", expected: String(expected) });
      if (confirmed.status !== 303) throw new Error(`confirming answered ${confirmed.status}`);
      const answeredMs = performance.now() - confirmedAt;
      await until(() => new Set(accepted.map((mail) => mail.to)).size >= expected, 600_000);
      const first = accepted[0]!.at;
      const last = accepted[expected - 1]!.at;
      const perSecond = Math.round((expected - 1) / ((last - first) / 1000));

      console.log(`a message to ${expected} registrations, one application process, on ${databaseName}, to a local SMTP server`);
      console.table([
        {
          "confirm answered (ms)": Math.round(answeredMs),
          "first accepted (s after confirm)": ((first - confirmedAt) / 1000).toFixed(1),
          "all accepted (s after confirm)": ((last - confirmedAt) / 1000).toFixed(1),
          "delivered per second": perSecond,
          "copies beyond one": accepted.length - expected,
          [`≥ ${targetPerSecond} per second`]: perSecond >= targetPerSecond ? "yes" : "NO",
        },
      ]);
    },
  );
} finally {
  smtp.close(() => undefined);
}
