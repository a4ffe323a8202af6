/**
 * Bad input from a user (a flag, a --set value, a scenario file). The CLI prints the
 * message, which always names the field and the value, and exits with code 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
