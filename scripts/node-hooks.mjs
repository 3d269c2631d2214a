// Node entry hooks for scripts and the CLI that run outside Next's bundler: the `server-only` guard
// throws unless the bundler's "react-server" condition is set, and these processes are server-side
// by definition, so the guard resolves to an empty module here. Then TypeScript via tsx.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
      if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
      return next(specifier, context);
    }`),
);
await import("tsx/esm");
