import { beforeAll, describe, expect, it } from "vitest";
import { loader as htmlLoader } from "~/routes/dev-mailbox-html";
import { loader as listLoader } from "~/routes/dev-mailbox";
import { loader as messageLoader } from "~/routes/dev-mailbox-message";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { enqueueMail } from "./outbox.server";

const origin = "http://localhost:3000";
const notFound = { init: { status: 404 } };

describe.each(databaseKinds)("development mailbox on %s", (kind) => {
  const database = useTestDatabase(kind);
  const ids: number[] = [];

  beforeAll(async () => {
    for (const [index, language] of (["fr", "en"] as const).entries()) {
      ids.push(
        await enqueueMail(database().db, {
          to: `person${index}@example.org`,
          language,
          subject: `Subject ${index}`,
          text: `Text ${index}`,
          html: `<p onclick="alert(1)">HTML ${index}</p>`,
          attachments: [{ filename: "agenda.ics", contentType: "text/calendar", content: Buffer.from("BEGIN:VCALENDAR").toString("base64") }],
        }),
      );
    }
  });

  function args(path: string, params: Record<string, string>, smtpUrl?: string, clientAddress = "127.0.0.1") {
    const context = { db: database().db, env: { SMTP_URL: smtpUrl }, now: () => new Date(), clientAddress };
    const request = new Request(origin + path, { headers: { "Accept-Language": "en-GB,en;q=0.9,fr;q=0.5" } });
    return { request, params, context } as unknown as Parameters<typeof listLoader>[0] &
      Parameters<typeof messageLoader>[0] &
      Parameters<typeof htmlLoader>[0];
  }
  const id = (index: number) => String(ids[index]);

  it("lists the outbox newest first, in the reader's language, never cached", async () => {
    const page = await listLoader(args("/dev/mailbox", {}));
    expect(page.data.language).toBe("en");
    expect(page.data.messages.map((message) => [message.to_address, message.subject, message.status])).toEqual([
      ["person1@example.org", "Subject 1", "pending"],
      ["person0@example.org", "Subject 0", "pending"],
    ]);
    expect(new Headers(page.init?.headers).get("Cache-Control")).toBe("no-store");
  });

  it("shows one message with its parts and the size of its attachments", async () => {
    const page = await messageLoader(args(`/dev/mailbox/${id(0)}`, { id: id(0) }));
    expect(page.data.message).toMatchObject({ to_address: "person0@example.org", language: "fr", text_body: "Text 0" });
    expect(page.data.attachments).toEqual([{ filename: "agenda.ics", contentType: "text/calendar", size: 15 }]);
  });

  it("serves the HTML part alone, sandboxed, without scripts or remote content", async () => {
    const response = await htmlLoader(args(`/dev/mailbox/${id(1)}/html`, { id: id(1) }));
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const policy = response.headers.get("Content-Security-Policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toMatch(/(^|; )sandbox($|;)/);
    expect(await response.text()).toBe(`<p onclick="alert(1)">HTML 1</p>`);
  });

  it("answers 404 for an unknown or malformed message", async () => {
    for (const messageId of ["999999", "0", "abc"]) {
      await expect(messageLoader(args(`/dev/mailbox/${messageId}`, { id: messageId }))).rejects.toMatchObject(notFound);
      await expect(htmlLoader(args(`/dev/mailbox/${messageId}/html`, { id: messageId }))).rejects.toMatchObject(notFound);
    }
  });

  it("exists only for this machine, whatever the address of the loopback it uses", async () => {
    for (const local of ["127.0.0.1", "127.0.1.1", "::1", "::ffff:127.0.0.1"]) {
      await expect(listLoader(args("/dev/mailbox", {}, undefined, local))).resolves.toBeDefined();
    }
    for (const remote of ["203.0.113.5", "2001:db8::1", "::ffff:203.0.113.5", "10.0.0.2", "unknown"]) {
      await expect(listLoader(args("/dev/mailbox", {}, undefined, remote))).rejects.toMatchObject(notFound);
      await expect(messageLoader(args(`/dev/mailbox/${id(0)}`, { id: id(0) }, undefined, remote))).rejects.toMatchObject(notFound);
      await expect(htmlLoader(args(`/dev/mailbox/${id(0)}/html`, { id: id(0) }, undefined, remote))).rejects.toMatchObject(notFound);
    }
  });

  it("does not exist once an SMTP server is configured", async () => {
    const smtpUrl = "smtp://mail.example.org:587";
    await expect(listLoader(args("/dev/mailbox", {}, smtpUrl))).rejects.toMatchObject(notFound);
    await expect(messageLoader(args(`/dev/mailbox/${id(0)}`, { id: id(0) }, smtpUrl))).rejects.toMatchObject(notFound);
    await expect(htmlLoader(args(`/dev/mailbox/${id(0)}/html`, { id: id(0) }, smtpUrl))).rejects.toMatchObject(notFound);
  });
});
