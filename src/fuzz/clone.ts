// Moved to runtime/clone.ts; kept so existing imports still resolve.
export * from '../runtime/clone.js';
