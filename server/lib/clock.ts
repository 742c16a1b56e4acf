/** The only place that reads the real clock; rules take `now` as an argument. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
