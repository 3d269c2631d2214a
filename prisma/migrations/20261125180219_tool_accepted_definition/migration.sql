-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "acceptedDefinition" JSONB;
