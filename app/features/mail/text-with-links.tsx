const webAddress = /(https?:\/\/[^\s<>"]+)/;

/** A plain-text part with its web addresses as links, so that a sign-in link can be followed from the mailbox. */
export function TextWithLinks({ text }: { text: string }) {
  // Splitting on a capturing pattern puts the addresses at the odd positions.
  return text.split(webAddress).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
