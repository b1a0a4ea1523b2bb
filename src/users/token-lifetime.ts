/**
 * How long a token lives unless asked otherwise, and at most: a token that never ends is a key
 * lost. Its own module so that the command line's help can name it without loading the service.
 */
export const TOKEN_DAYS = { default: 90, max: 365 } as const;
