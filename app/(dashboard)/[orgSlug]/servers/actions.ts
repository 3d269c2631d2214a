"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createServer, deleteServer, setServerCredentials, updateServer } from "@/lib/db/servers";
import { acceptToolDrift, upsertToolCatalogue } from "@/lib/db/tools";
import { AppError } from "@/lib/errors";
import { assertPublicUpstream } from "@/lib/net/ssrf";
import { refreshServerTools } from "@/lib/servers/refresh-tools";
import { testConnection } from "@/lib/servers/test-connection";
import { createServerFormSchema, setCredentialsFormSchema, testConnectionFormSchema, updateServerFormSchema } from "@/lib/validation/server-form";
import { acceptToolDriftSchema, serverIdSchema } from "@/lib/validation/tool";

function urlError(message: string): AppError {
  return new AppError("validation_failed", message, { fieldErrors: { url: [message] } });
}

// Outbound requests to arbitrary URLs are an admin power: the connection test is one too.
export const testConnectionAction = defineAction({ schema: testConnectionFormSchema, role: "admin" }, async ({ input }) => {
  const result = await testConnection({ url: input.url, headers: input.headers });
  if (!result.ok) throw urlError(result.message);
  return { toolCount: result.tools.length, toolNames: result.tools.map((tool) => tool.name).slice(0, 20) };
});

/**
 * Saves only a server that answers: the connection test and tool discovery run first, and their
 * error lands on the URL field. Success continues on the new server's page.
 */
export const createServerAction = defineAction({ schema: createServerFormSchema, role: "admin", redirectOnSuccess: true }, async ({ org, input, actor }) => {
  const result = await testConnection({ url: input.url, headers: input.headers });
  if (!result.ok) throw urlError(result.message);
  const server = await createServer({ orgId: org.id, data: { name: input.name, url: input.url, headers: input.headers }, actor });
  await upsertToolCatalogue({ orgId: org.id, serverId: server.id, tools: result.tools, actor });
  return `/${org.slug}/servers/${server.id}`;
});

export const updateServerAction = defineAction({ schema: updateServerFormSchema, role: "admin" }, async ({ org, input, actor }) => {
  await assertPublicUpstream(input.url);
  await updateServer({ orgId: org.id, serverId: input.serverId, data: { name: input.name, url: input.url }, actor });
  return null;
});

export const deleteServerAction = defineAction({ schema: serverIdSchema, role: "admin", redirectOnSuccess: true }, async ({ org, input, actor }) => {
  await deleteServer({ orgId: org.id, serverId: input.serverId, actor });
  return `/${org.slug}/servers`;
});

export const setCredentialsAction = defineAction({ schema: setCredentialsFormSchema, role: "admin" }, async ({ org, input, actor }) => {
  const server = await setServerCredentials({ orgId: org.id, serverId: input.serverId, headers: input.headers, actor });
  return { headerNames: server.credentialHeaderNames };
});

export const refreshToolsAction = defineAction({ schema: serverIdSchema, role: "admin" }, async ({ org, input, actor }) => {
  return refreshServerTools({ orgId: org.id, serverId: input.serverId, actor });
});

export const acceptDriftAction = defineAction({ schema: acceptToolDriftSchema, role: "admin" }, async ({ org, input, actor }) => {
  await acceptToolDrift({ orgId: org.id, serverId: input.serverId, name: input.toolName, actor });
  return null;
});
