import { describe, expect, it } from "vitest";
import { clientAddress, isLoopback, rateLimitClient } from "./client-address";

describe("client address", () => {
  it("is the connection's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1", 0)).toBe("198.51.100.7");
  });

  it("is the entry written by the outermost trusted proxy, not one the client wrote itself", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; our one proxy appended the address it saw.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.1", 2)).toBe("203.0.113.9");
  });

  it("falls back to the connection's peer when the chain is shorter than the proxies", () => {
    expect(clientAddress("10.0.0.2", null, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "203.0.113.9", 2)).toBe("10.0.0.2");
  });
});

describe("rate-limited client", () => {
  it("is an IPv4 address as it is", () => {
    expect(rateLimitClient("203.0.113.9")).toBe("203.0.113.9");
  });

  it("is the /64 network of an IPv6 address, in one written form", () => {
    const network = "2001:db8:0:1::/64";
    for (const address of ["2001:db8:0:1::1", "2001:0DB8:0000:0001:ffff:0:0:9", "[2001:db8:0:1:a:b:c:d]", "2001:db8::1:0:0:0:7", "2001:db8:0:1::5%eth0"]) {
      expect(rateLimitClient(address), address).toBe(network);
    }
    expect(rateLimitClient("2001:db8:0:2::1")).toBe("2001:db8:0:2::/64");
    expect(rateLimitClient("::1")).toBe("0:0:0:0::/64");
  });

  it("is the IPv4 address inside an IPv4-mapped IPv6 address", () => {
    expect(rateLimitClient("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(rateLimitClient("::FFFF:c633:6407")).toBe("198.51.100.7");
    expect(rateLimitClient("0:0:0:0:0:ffff:198.51.100.7")).toBe("198.51.100.7");
  });

  it("leaves what is not an IP address as it is", () => {
    for (const text of ["", "unknown", "1:2:3", "1::2::3", "2001:db8::g", "256.1.1.1", "1:2:3:4:5:6:7:8:9"]) expect(rateLimitClient(text)).toBe(text);
  });
});

describe("loopback address", () => {
  it.each(["127.0.0.1", "127.255.0.9", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1", "::ffff:7f00:2"])("%s is this machine", (address) => {
    expect(isLoopback(address)).toBe(true);
  });
  it.each(["128.0.0.1", "10.0.0.1", "::2", "::", "::ffff:10.0.0.1", "2001:db8::1", "fe80::1", "localhost", "", "1270.0.0.1"])("%s is not", (address) => {
    expect(isLoopback(address)).toBe(false);
  });
});
