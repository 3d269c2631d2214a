// Vitest runs outside Next's bundler, where the "server-only" guard would throw on import.
// Tests are server-side by definition, so the guard is replaced with an empty module here.
export {};
