/**
 * `rencontres <command> [arguments]`: the organisers' command line. Each subcommand is a module
 * exporting a function from arguments and streams to an exit code, so that tests run it in
 * process; add new ones to `commands`.
 */
import { grantOwnerCommand } from "./grant-owner";
import { scheduleMeetingsCommand } from "./schedule-meetings";

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export type Command = (args: string[], io: CommandIo) => Promise<number> | number;

const commands: Record<string, { run: Command; summary: string }> = {
  "grant-owner": {
    run: grantOwnerCommand,
    summary: "make the person of an e-mail address an owner of every edition (the first owner, say)",
  },
  "schedule-meetings": {
    run: scheduleMeetingsCommand,
    summary: "place accepted B2B meetings on slots and tables, or --check a schedule",
  },
};

export const USAGE_ERROR = 2;

export async function main(args: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    if (name !== undefined && name !== "--help") io.stderr(`rencontres: unknown command "${name}"\n`);
    io.stderr(
      "usage: rencontres <command> [arguments]\n\ncommands:\n" +
        Object.entries(commands)
          .map(([commandName, { summary }]) => `  ${commandName.padEnd(20)} ${summary}\n`)
          .join(""),
    );
    return name === "--help" ? 0 : USAGE_ERROR;
  }
  return command.run(rest, io);
}

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
