-- Every write of the register is checked against the actors and the reference lists. A server
-- keeps them in memory and reads only this counter before each write (src/register/lists.ts):
-- any change to a list, by whichever process, raises it in the change's own transaction, so a
-- process sees the new count exactly when it can see the change.
CREATE TABLE list_versions (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO list_versions (version) VALUES (1);

CREATE FUNCTION list_versions_bump() RETURNS trigger AS $$
BEGIN
  UPDATE list_versions SET version = version + 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER actors_list_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actors
  FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
CREATE TRIGGER calibres_list_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calibres
  FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
CREATE TRIGGER manufacturers_list_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON manufacturers
  FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
CREATE TRIGGER models_list_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON models
  FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
CREATE TRIGGER reference_mappings_list_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reference_mappings
  FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();

-- Writers extend the audit chain one at a time, from taking this lock until they commit: every
-- round trip in between is waited for by each writer queued behind. The lock and the head of the
-- chain (its last hash, and the entry that switched it to keyed hashes) in one call. Each
-- statement of a volatile function reads a new snapshot, so the head is read after the lock
-- is held, with the previous writer's entries.
CREATE FUNCTION audit_log_lock_head(switch_entity text, OUT hash text, OUT switched text) AS $$
BEGIN
  LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;
  SELECT a.hash INTO hash FROM audit_log a ORDER BY a.id DESC LIMIT 1;
  SELECT a.entity_key INTO switched FROM audit_log a
   WHERE a.entity = switch_entity AND a.action = 'create' ORDER BY a.id DESC LIMIT 1;
END
$$ LANGUAGE plpgsql VOLATILE;
