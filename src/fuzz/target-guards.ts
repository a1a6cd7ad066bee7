// Moved to runtime/target-guards.ts; kept so existing imports still resolve.
export * from '../runtime/target-guards.js';
