import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import type { ServerDto } from "@/lib/db/servers";
import { CredentialsForm } from "./credentials-form";
import { DeleteServerForm } from "./delete-server-form";
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
        <DeleteServerForm orgSlug={orgSlug} serverId={server.id} name={server.name} />
      </CardBody>
    </Card>
  );
}
