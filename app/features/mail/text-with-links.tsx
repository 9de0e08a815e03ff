const webAddressLine = /^(https?:\/\/[^\s<>"]+)$/;

/**
 * A plain-text part with its web addresses as links, so that a sign-in link can be followed from
 * the mailbox. Only an address alone on its line is linked, as composeMail writes the link of
 * its action: an address inside a sentence may come from a name someone typed.
 */
export function TextWithLinks({ text }: { text: string }) {
  return text.split(/(\n)/).map((part, index) =>
    webAddressLine.test(part) ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
