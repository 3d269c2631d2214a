/**
 * Vocabulary for risk classification by tool name. Words are matched as whole tokens of the name
 * (`delete_entities` → "delete", "entities"), never as substrings, so "address" is not "add".
 */
export const DESTRUCTIVE_WORDS = new Set([
  "delete", "remove", "rm", "drop", "destroy", "purge", "truncate", "erase", "wipe", "kill",
  "terminate", "revoke", "unlink", "overwrite", "reset", "clear", "uninstall", "deprovision", "ban",
]);

export const FINANCIAL_WORDS = new Set([
  "refund", "refunds", "payment", "payments", "pay", "charge", "charges", "invoice", "invoices", "payout",
  "payouts", "transfer", "transfers", "billing", "purchase", "withdraw", "withdrawal", "deposit", "wallet",
  "subscription", "subscriptions", "checkout", "order", "orders", "buy", "sell", "trade", "money", "funds",
]);

export const EXECUTE_WORDS = new Set([
  "exec", "execute", "run", "eval", "evaluate", "shell", "command", "cmd", "spawn", "invoke", "script",
  "deploy", "launch", "trigger", "start", "stop", "restart", "sampling", "bash", "terminal", "process",
]);

export const WRITE_WORDS = new Set([
  "create", "add", "update", "set", "write", "edit", "modify", "insert", "put", "post", "send", "upload",
  "move", "rename", "patch", "save", "append", "upsert", "import", "export", "toggle", "enable", "disable",
  "assign", "mkdir", "make", "new", "copy", "merge", "commit", "push", "publish", "submit", "approve",
  "reply", "comment", "invite", "register", "schedule", "book", "archive", "restore", "replace", "gzip",
]);

export const READ_WORDS = new Set([
  "get", "list", "read", "search", "find", "fetch", "query", "show", "describe", "view", "echo", "lookup",
  "count", "check", "inspect", "tree", "stat", "info", "open", "download", "browse", "retrieve", "status",
  "preview", "validate", "explain", "summarize", "sum", "ping", "whoami", "diff", "log", "logs", "history",
]);

/** Description phrases that reveal an effect the name hides (e.g. a tool called "sync"). */
export const DESCRIPTION_SIGNALS: Array<{ pattern: RegExp; riskClass: "destructive" | "financial" | "execute" }> = [
  { pattern: /\b(permanently|irreversibl[ey]|cannot be undone|deletes?|overwrites?)\b/i, riskClass: "destructive" },
  { pattern: /\b(refunds?|charges?|payments?|payouts?|money|invoices?)\b/i, riskClass: "financial" },
  { pattern: /\b(executes?|shell commands?|arbitrary code|runs? (a |the )?(command|script|code))\b/i, riskClass: "execute" },
];
