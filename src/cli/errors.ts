/** The two ways a command refuses its input: a usage mistake (the usage is printed) and problems in the file, each with line and column. */

export class UsageError extends Error {}

export class InputError extends Error {
  constructor(readonly problems: string[]) { super(problems.join('\n')); }
}
