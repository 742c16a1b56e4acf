export * from './tenants';
export * from './users';
export * from './rooms';
export * from './conferences';
export * from './notifications';
export * from './live';
export * from './simulator';
export * from './announcements';
