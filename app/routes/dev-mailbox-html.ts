import type { Route } from "./+types/dev-mailbox-html";
import { getMailboxMessage, mailboxHeaders, requireDevMailbox } from "~/features/mail/mailbox.server";
import { handleErrors, parseId } from "~/lib/http.server";

// The HTML part of an e-mail is untrusted markup (it quotes what people typed): served alone, inside
// a sandbox with no script, no network access and no form, framed only by the mailbox itself.
const contentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox";

export async function loader({ params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    requireDevMailbox(context);
    const message = await getMailboxMessage(context.db, parseId(params.id));
    return new Response(message.html_body, {
      headers: {
        ...mailboxHeaders,
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": contentSecurityPolicy,
      },
    });
  });
}
