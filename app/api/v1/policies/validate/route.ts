import { validatePolicyEndpoint } from "@/lib/api/endpoints/policies";
import { withApiKey } from "@/lib/api/with-api-key";
import { validatePolicy } from "@/lib/policy/validate";

export const dynamic = "force-dynamic";

export const POST = withApiKey(validatePolicyEndpoint, async ({ body }) => {
  const result = validatePolicy(body.document);
  return result.ok ? { valid: true, errors: [] } : { valid: false, errors: result.errors };
});
