-- API tokens get an end: an expiry, revocation, and the day each was last used, so that its
-- use is audited once a day (src/users/tokens.service.ts). Tokens made before this migration
-- had none: they expire 90 days from now, the default for new ones, rather than at once.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
UPDATE api_tokens SET expires_at = now() + interval '90 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE api_tokens ADD COLUMN revoked_at timestamptz;
ALTER TABLE api_tokens ADD COLUMN revoked_by text;
-- The UTC day of the last use that was audited: the first use of each day writes one entry.
ALTER TABLE api_tokens ADD COLUMN last_used_on date;
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
