-- The version of the engine's rules the stored findings were computed with: a Headstamp whose
-- scoring or grouping differs (LEADS_ENGINE_VERSION in src/leads/engine.ts) recomputes the
-- theatre at its first refresh instead of mixing old findings with new ones.
ALTER TABLE leads_state ADD COLUMN engine_version integer NOT NULL DEFAULT 0;
