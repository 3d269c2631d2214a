/** Every /api/v1 operation, in the order the reference shows them. */
import type { Endpoint } from "../endpoint";
import * as approvals from "./approvals";
import * as grants from "./grants";
import * as logs from "./logs";
import * as policies from "./policies";
import * as servers from "./servers";

export const API_ENDPOINTS: Endpoint[] = [
  ...Object.values(servers),
  ...Object.values(policies),
  ...Object.values(grants),
  ...Object.values(approvals),
  ...Object.values(logs),
];
