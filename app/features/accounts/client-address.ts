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

const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The eight 16-bit groups of an IPv6 address in any written form (`::`, a trailing dotted IPv4), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!ipv4Pattern.test(tail)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = tail.split(".").map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (half: string | undefined) => (half ? half.split(":") : []);
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

/** An address as one form: IPv4 dotted, IPv4-mapped IPv6 as IPv4, IPv6 as eight groups; undefined if not an IP address. */
function parseAddress(address: string): { v4: string } | { v6: number[] } | undefined {
  // "[2001:db8::1]" and "fe80::1%eth0": brackets and the zone (which interface) are not part of the address.
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (ipv4Pattern.test(bare)) return { v4: bare };
  const groups = ipv6Groups(bare);
  if (!groups) return undefined;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return { v4: [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".") };
  }
  return { v6: groups };
}

/**
 * Whom rate limits count an attempt against: an IPv4 address, or the /64 network of an IPv6
 * address, since one home, phone or office is given a whole /64 and picks addresses in it at will.
 */
export function rateLimitClient(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if ("v4" in parsed) return parsed.v4;
  return `${parsed.v6.slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}

/** Whether the address is this machine's own (127.0.0.0/8, ::1, or IPv4-mapped 127.x). */
export function isLoopback(address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  if ("v4" in parsed) return parsed.v4.startsWith("127.");
  return parsed.v6.slice(0, 7).every((group) => group === 0) && parsed.v6[7] === 1;
}
