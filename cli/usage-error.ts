/** A user error in the command line: printed as one readable line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
