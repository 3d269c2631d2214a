-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "approvalWebhookSecret" TEXT,
ADD COLUMN     "approvalWebhookUrl" TEXT;
