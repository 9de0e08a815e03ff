import { describe, expect, it } from "vitest";
import { securityHeaderValues } from "./security-headers";

describe("security headers", () => {
  it("ask browsers to keep to https only when the site is served at an https address", () => {
    expect(securityHeaderValues({ PUBLIC_URL: "https://rencontres.example.org" })["Strict-Transport-Security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );
    // On plain http (a local run) it would be ignored at best, and lock out a later http site at worst.
    expect(securityHeaderValues({ PUBLIC_URL: "http://localhost:3000" })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("turn off the browser features the site does not use, keeping the camera for its own pages", () => {
    const policy = securityHeaderValues({ PUBLIC_URL: "http://localhost:3000" })["Permissions-Policy"] ?? "";
    expect(policy.split(", ")).toEqual(expect.arrayContaining(["camera=(self)", "microphone=()", "geolocation=()", "payment=()"]));
    expect(securityHeaderValues({ PUBLIC_URL: "http://localhost:3000" })["Cross-Origin-Opener-Policy"]).toBe("same-origin");
  });
});
