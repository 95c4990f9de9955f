-- CreateEnum
CREATE TYPE "log_bodies" AS ENUM ('off', 'metadata', 'full');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN "catalog_overrides" JSONB;

-- AlterTable
ALTER TABLE "projects" ADD COLUMN "log_bodies" "log_bodies" NOT NULL DEFAULT 'metadata';

-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN "request_body" JSONB,
ADD COLUMN "response_body" JSONB;
