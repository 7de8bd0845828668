// The decide command: count participatory budgets (pb), STV elections (stv) and sortition panels
// (sortition) from files. Each subcommand lives in src/cli/<name>.ts.
import { messageOf } from './cli/arguments.js';
import { exitWhenFlushed, stopQuietlyWhenReaderLeaves } from './cli/exit.js';

const usage = `Usage: decide <command> [options]

Commands:
  pb FILE.pb --rule RULE [--json] [--explain]      count a participatory budget (pabulib format)
  stv FILE.blt --rule scottish|meek [--json] [--seed N]   count a single transferable vote election
  sortition --categories FILE --respondents FILE --panel-size K --algorithm legacy|maximin|leximin [--seed N] [--json]
                                                   choose a panel by lottery

Run "decide <command> --help" for a command's options.`;

const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  pb: () => import('./cli/pb.js'),
  stv: () => import('./cli/stv.js'),
  sortition: () => import('./cli/sortition.js'),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  const load = commands[command];
  if (!load) {
    console.error(`Unknown command "${command}".\n\n${usage}`);
    return 2;
  }
  return (await load()).run(rest);
}

// Exit only once the output has reached stdout's reader: a pipe takes it asynchronously (see cli/exit.ts).
stopQuietlyWhenReaderLeaves();
main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    console.error(messageOf(error));
    return exitWhenFlushed(1);
  },
);
