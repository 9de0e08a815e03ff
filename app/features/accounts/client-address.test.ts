import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

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
