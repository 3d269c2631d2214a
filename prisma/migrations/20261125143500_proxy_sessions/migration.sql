-- CreateTable
CREATE TABLE "McpSession" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "McpSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mcp_session_by_server_session" ON "McpSession"("serverId", "sessionId");

-- CreateIndex
CREATE INDEX "mcp_session_by_org_grant" ON "McpSession"("orgId", "grantId");
