import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// SimpleWebAuthn's browser bundle (a UMD file defining window.SimpleWebAuthnBrowser), served from
// the installed package so that its version is the one package-lock.json pins.
let bundle: Promise<string> | undefined;

function readBundle(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve("@simplewebauthn/browser");
  // The package's main file is script/index.js; the bundle sits in dist/bundle beside it.
  return readFile(join(dirname(entry), "..", "dist", "bundle", "index.umd.min.js"), "utf8");
}

export async function loader() {
  bundle ??= readBundle();
  return new Response(await bundle, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
