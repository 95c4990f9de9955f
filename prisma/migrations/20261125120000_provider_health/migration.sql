-- CreateTable
CREATE TABLE "provider_health_snapshots" (
    "instance_id" VARCHAR(128) NOT NULL,
    "targets" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "provider_health_snapshots_pkey" PRIMARY KEY ("instance_id")
);

-- CreateTable
CREATE TABLE "provider_health_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instance_id" VARCHAR(128) NOT NULL,
    "target" VARCHAR(256) NOT NULL,
    "scope" VARCHAR(16) NOT NULL,
    "from_state" VARCHAR(16) NOT NULL,
    "to_state" VARCHAR(16) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "provider_health_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "provider_health_snapshots_updated_at_idx" ON "provider_health_snapshots"("updated_at" DESC);

-- CreateIndex
CREATE INDEX "provider_health_events_created_at_idx" ON "provider_health_events"("created_at" DESC);

-- CreateIndex
CREATE INDEX "provider_health_events_target_created_at_idx" ON "provider_health_events"("target", "created_at" DESC);
