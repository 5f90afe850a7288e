/**
 * The engine from a shell: `npm run cli -- simulate FILE.csv [--iterations N] [--seed S]
 * [--target T] [--distribution beta-pert|triangular|uniform|normal] [--improve FACTOR]
 * [--correlations "A;B=0.6|C,D,E=0.5"]` and `npm run cli -- repurchase
 * FILE.csv [--calibration-end YYYY-MM-DD] [--unit days|weeks] [--horizon MONTHS] [--discount RATE]`
 * and `npm run cli -- anomalies FILE.csv [--mapping role=Column,…] [--date-format …]`.
 * Every command reads its file in the encoding it finds (a byte-order mark, else UTF-8, else
 * Windows-1252, with a line on stderr saying so) or the one `--encoding` names; the customer
 * commands read numbers with the decimal mark their amount columns show, or `--decimal`.
 * Prints one JSON object on stdout. Bad input exits with status 2 and the problems, each with
 * line and column, on stderr.
 */
import { DISTRIBUTION_KINDS } from '../engine/journey/index.ts';
import { TEXT_ENCODINGS } from '../engine/csv/index.ts';
import { UsageError, InputError } from './errors.ts';
import { simulate } from './simulateCommand.ts';
import { repurchase } from './repurchaseCommand.ts';
import { anomalies } from './anomaliesCommand.ts';

const USAGE = `Usage:
  npm run cli -- simulate FILE.csv [--iterations N] [--seed S] [--target T] [--distribution ${DISTRIBUTION_KINDS.join('|')}]
      [--improve FACTOR (default 0.9)] [--correlations "A;B=0.6|C,D,E=0.5"] [--encoding …]
  npm run cli -- anomalies FILE.csv [--mapping customer=CustomerID,date=InvoiceDate,...] [--date-format iso|yyyymmdd|mdy|dmy]
      [--decimal point|comma] [--encoding …]
  npm run cli -- repurchase FILE.csv [--calibration-end YYYY-MM-DD] [--unit days|weeks] [--horizon MONTHS] [--discount RATE]
      [--decimal point|comma] [--encoding …]
  --encoding: auto (the default: a byte-order mark, else UTF-8, else Windows-1252), ${TEXT_ENCODINGS.join(', ')}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const commands: Record<string, (args: string[]) => object | Promise<object>> = { simulate, repurchase, anomalies };
    if (Object.hasOwn(commands, command ?? '')) {
      const output = await commands[command](rest);
      process.stdout.write(`${JSON.stringify(output)}\n`);
      return 0;
    }
    throw new UsageError(command ? `Unknown command "${command}".` : 'Name a command.');
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
