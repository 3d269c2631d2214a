/** The answer of POST /api/v1/calls/verify (and the dashboard's "Verify integrity"): lib/db/call-chain.ts#verifyCallChain. */
import { z } from "zod";

export const callChainReportSchema = z
  .object({
    ok: z.boolean().meta({ description: "True when every sealed row matches its hash and links to the one before it." }),
    checkedRows: z.number().int().meta({ description: "Sealed rows recomputed and found intact (up to the first broken one)." }),
    unsealedRows: z
      .number()
      .int()
      .meta({ description: "Rows not sealed yet (sealing waits until rows are final, about 10 minutes); they are outside the check." }),
    anchoredAt: z
      .object({
        rowId: z.string(),
        createdAt: z.iso.datetime(),
        kind: z.enum(["genesis", "trimmed"]).meta({
          description:
            "`genesis`: the chain starts at the organisation's first row. `trimmed`: older rows were deleted (retention) and the check starts at the oldest row left.",
        }),
      })
      .nullable()
      .meta({ description: "Where the check started; null when nothing is sealed yet." }),
    firstBrokenRowId: z.string().nullable(),
    reason: z.enum(["row_changed", "link_broken", "out_of_order", "malformed_hash"]).nullable().meta({
      description:
        "`row_changed`: a column of the row was changed after sealing. `link_broken`: a row before it was deleted, inserted or reordered, or rewritten with a new hash.",
    }),
  })
  .meta({ id: "CallChainReport" });

/** The dashboard's "Verify integrity" form sends nothing but the organisation, which comes from the membership. */
export const verifyCallChainInputSchema = z.object({});
