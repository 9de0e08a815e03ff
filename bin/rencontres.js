#!/usr/bin/env node
// The command is TypeScript; tsx (a dev dependency, installed by `npm ci`) compiles it on load.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/rencontres.ts");
process.exitCode = await main(process.argv.slice(2));
