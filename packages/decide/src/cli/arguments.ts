// What every decide subcommand does first with its arguments: parse them, and on a mistake print it
// with the usage (exit code 2), or with --help print the usage alone (exit code 0).

/** An error's message, or the thrown value as text when it is not an Error. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The parsed arguments, or the exit code to end with once the usage has been printed: 2 when `parse`
 * throws (an unknown option, a missing value), 0 for --help.
 */
export function parsedOrExitCode<Parsed extends { values: { help?: boolean } }>(parse: () => Parsed, usage: string): Parsed | number {
  let parsed: Parsed;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${messageOf(error)}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}
