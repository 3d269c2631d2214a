import { verifyCallChainEndpoint } from "@/lib/api/endpoints/logs";
import { withApiKey } from "@/lib/api/with-api-key";
import { verifyCallChain } from "@/lib/db/call-chain";

export const dynamic = "force-dynamic";

/** The organisation is the key's (withApiKey): a key can only ever verify its own organisation's log. */
export const POST = withApiKey(verifyCallChainEndpoint, ({ orgId }) => verifyCallChain({ orgId }));
