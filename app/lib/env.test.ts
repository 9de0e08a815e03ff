import { describe, expect, it } from "vitest";
import { readEnvironment } from "./env.server";

describe("settings", () => {
  it("runs the demo locally with no setting at all", () => {
    const env = readEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, DEMO_DATA: true, PUBLIC_URL: "http://localhost:3000", DATA_DIR: "./data/pglite" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty values as unset and trims the public address", () => {
    const env = readEnvironment({ DATABASE_URL: "", PUBLIC_URL: "https://rencontres.example.org/" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PUBLIC_URL).toBe("https://rencontres.example.org");
  });

  it("takes the public address to be where this process listens when PUBLIC_URL is unset", () => {
    // Requests are addressed to PUBLIC_URL: `PORT=4000 npm start` must accept its own forms.
    expect(readEnvironment({ PORT: "4000" }).PUBLIC_URL).toBe("http://localhost:4000");
    expect(readEnvironment({ PORT: "4000", PUBLIC_URL: "https://rencontres.example.org" }).PUBLIC_URL).toBe("https://rencontres.example.org");
  });

  it("names every wrong setting in one message", () => {
    let message = "";
    try {
      readEnvironment({ PORT: "eighty", DATABASE_URL: "mysql://x", DEMO_DATA: "maybe" });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ["PORT", "DATABASE_URL", "DEMO_DATA"]) expect(message).toContain(name);
  });
});
