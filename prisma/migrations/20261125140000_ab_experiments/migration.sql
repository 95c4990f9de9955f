-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN "variant" VARCHAR(200);

-- CreateTable
CREATE TABLE "request_feedback" (
    "request_id" VARCHAR(64) NOT NULL,
    "project_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "comment" TEXT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_feedback_pkey" PRIMARY KEY ("request_id")
);

-- CreateIndex
CREATE INDEX "request_logs_config_id_variant_idx" ON "request_logs"("config_id", "variant");

-- CreateIndex
CREATE INDEX "request_feedback_project_id_created_at_idx" ON "request_feedback"("project_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "request_feedback" ADD CONSTRAINT "request_feedback_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
