-- request_logs is the hot, append-only table: every request writes a row, thousands a second, in
-- COPY batches. Its three foreign keys cost Postgres ~16 µs per row (three referential-integrity
-- trigger firings, each a lookup with a row lock), about 40% of writing the row. The gateway only
-- writes rows for the project its key authenticated, so the checks guard nothing on insert; what
-- the keys also did on delete is kept by triggers on the parents, which fire once per (rare)
-- delete instead of once per logged request.

-- DropForeignKey
ALTER TABLE "request_logs" DROP CONSTRAINT "request_logs_project_id_fkey";
ALTER TABLE "request_logs" DROP CONSTRAINT "request_logs_config_id_fkey";
ALTER TABLE "request_logs" DROP CONSTRAINT "request_logs_config_version_id_fkey";

-- A deleted project (or organisation) takes its request logs with it, as ON DELETE CASCADE did.
CREATE FUNCTION "request_logs_delete_for_project"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "request_logs" WHERE "project_id" = OLD."id";
  RETURN OLD;
END
$$;
CREATE TRIGGER "projects_delete_request_logs" AFTER DELETE ON "projects"
  FOR EACH ROW EXECUTE FUNCTION "request_logs_delete_for_project"();

-- A deleted config or version leaves its logs, unlinked, as ON DELETE SET NULL did.
CREATE FUNCTION "request_logs_unlink_config"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "request_logs" SET "config_id" = NULL WHERE "config_id" = OLD."id";
  RETURN OLD;
END
$$;
CREATE TRIGGER "routing_configs_unlink_request_logs" AFTER DELETE ON "routing_configs"
  FOR EACH ROW EXECUTE FUNCTION "request_logs_unlink_config"();

CREATE FUNCTION "request_logs_unlink_config_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "request_logs" SET "config_version_id" = NULL WHERE "config_version_id" = OLD."id";
  RETURN OLD;
END
$$;
CREATE TRIGGER "config_versions_unlink_request_logs" AFTER DELETE ON "config_versions"
  FOR EACH ROW EXECUTE FUNCTION "request_logs_unlink_config_version"();
