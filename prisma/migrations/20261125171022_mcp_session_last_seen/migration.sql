-- AlterTable
ALTER TABLE "McpSession" ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "mcp_session_by_last_seen" ON "McpSession"("lastSeenAt");
