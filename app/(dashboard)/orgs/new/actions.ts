"use server";

import { defineUserAction } from "@/lib/actions/define-action";
import { createOrganization } from "@/lib/db/orgs";
import { createOrgSchema } from "@/lib/validation/org";

export const createOrgAction = defineUserAction({ schema: createOrgSchema }, async ({ user, input, actor }) =>
  createOrganization({ userId: user.id, name: input.name, slug: input.slug, actor }),
);
