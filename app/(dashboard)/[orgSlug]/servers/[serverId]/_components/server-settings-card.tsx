import { ActionForm } from "@/components/action-form";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ServerDto } from "@/lib/db/servers";
import { deleteServerAction } from "../../actions";
import { CredentialsForm } from "./credentials-form";
import { EditServerForm } from "./edit-server-form";

export function ServerSettingsCard({ orgSlug, server }: { orgSlug: string; server: ServerDto }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Settings and credentials</CardTitle>
      </CardHeader>
      <CardBody className="flex flex-col gap-6">
        <EditServerForm orgSlug={orgSlug} server={server} />
        <CredentialsForm orgSlug={orgSlug} serverId={server.id} headerNames={server.credentialHeaderNames} />
        {/* The action redirects to the server list on success; only a failure stays on this page. */}
        <div className="border-t border-zinc-200 pt-4">
          <ActionForm action={deleteServerAction} fields={{ orgSlug, serverId: server.id }}>
            <span className="text-sm text-zinc-700">
              Deleting {server.name} removes its tools, policies and grants; agents lose access at once. Call logs are kept.
            </span>
            <ConfirmButton label="Delete server" message="This cannot be undone." testId="delete-server" />
          </ActionForm>
        </div>
      </CardBody>
    </Card>
  );
}
