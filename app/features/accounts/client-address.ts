/**
 * The network address of the client, for rate limits. With no trusted proxy it is the socket's
 * peer. Behind `trustedProxies` proxies that each append the address they received from to
 * X-Forwarded-For, the client is the entry that many places from the end: entries further left
 * were written by the client itself and prove nothing.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | null, trustedProxies: number): string {
  if (trustedProxies === 0) return socketAddress;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  // A shorter chain did not come through every proxy: fall back to the one address we know.
  return hops[hops.length - trustedProxies] ?? socketAddress;
}
