import type { ServerDto } from "@/lib/db/servers";
import { proxyUrlFor } from "./proxy-url";

export function toServerResponse(server: ServerDto, request: Request) {
  return { ...server, proxyUrl: proxyUrlFor({ request, serverId: server.id }) };
}
