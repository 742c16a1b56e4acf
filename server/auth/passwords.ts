import bcrypt from 'bcryptjs';

// T-5: slow salted hash; bcryptjs is pure JavaScript, so no native build on install.
const COST = 11;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);
